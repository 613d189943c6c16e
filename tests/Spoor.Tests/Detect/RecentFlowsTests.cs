using Spoor.Detect;
using Spoor.Evidence;
using Spoor.Ingest.Capture;
using Spoor.Tests.Ingest;

namespace Spoor.Tests.Detect;

public sealed class RecentFlowsTests
{
    private const uint Client = 0x0A000001;
    private const uint Server = 0xC0000235;
    private const long Second = 1_000_000_000L;

    [Fact]
    public void AnAnswerWithinTheWindowIsMarkedAndTheQuestionIsNot()
    {
        var marks = Mark(new RecentFlows(1024),
            (0, Udp(Client, Server, 40000, 53)),
            (Second / 100, Udp(Server, Client, 53, 40000)),
            (2 * Second, Udp(Client, Server, 40001, 53)),
            (200 * Second, Udp(Server, Client, 53, 40001)));

        marks.Should().Equal(false, true, false, false);
    }

    [Fact]
    public void OnlyUdpRecordsAreRemembered()
    {
        var marks = Mark(new RecentFlows(1024),
            (0, Tcp(Client, Server, 40000, 53)),
            (Second / 100, Udp(Server, Client, 53, 40000)));

        marks.Should().Equal(false, false);
    }

    [Fact]
    public void TheEngineMarksAnswersBeforeAnyDetectorSeesThem()
    {
        var seen = new List<bool>();
        var engine = new DetectionEngine([new Recorder(seen)]);
        foreach (var observation in Decode((0, Udp(Client, Server, 40000, 53)), (Second / 100, Udp(Server, Client, 53, 40000))))
        {
            engine.Observe(observation);
        }

        seen.Should().Equal(false, true);
    }

    [Fact]
    public void BothDirectionsOfAnExchangeAnswerEachOtherAndAnOldAnswerDoesNot()
    {
        // The client asks again after its answer: an exchange under way answers both ways, as a table of directed
        // flows says too; a lone packet two minutes after the other side's last is no answer.
        var marks = Mark(new RecentFlows(1024),
            (0, Udp(Client, Server, 40000, 123)),
            (Second, Udp(Server, Client, 123, 40000)),
            (2 * Second, Udp(Client, Server, 40000, 123)),
            (200 * Second, Udp(Client, Server, 40000, 123)));

        marks.Should().Equal(false, true, true, false);
    }

    [Fact]
    public void AConversationWithItselfAnswersItsOwnEarlierPacket()
    {
        // Same address and port at both ends (NetBIOS name service runs 137 to 137 between hosts; a packet to itself
        // only on a crafted frame): its second packet is read as the answer to its first.
        var marks = Mark(new RecentFlows(1024),
            (0, Udp(Client, Client, 137, 137)),
            (Second, Udp(Client, Client, 137, 137)));

        marks.Should().Equal(false, true);
    }

    [Fact]
    public void Ipv6ConversationsAreRememberedByTheirEnds()
    {
        var client = HostAddress.ReadIPv6(Convert.FromHexString("20010db8000000000000000000000001"));
        var server = HostAddress.ReadIPv6(Convert.FromHexString("20010db8000000000000000000000035"));
        var other = HostAddress.ReadIPv6(Convert.FromHexString("20010db8000000000000000000000036"));
        var flows = new RecentFlows(1024);
        var marks = new List<bool>();
        foreach (var (time, from, fromPort, to, toPort) in new[]
                 {
                     (0L, client, (ushort)40000, server, (ushort)53),
                     (Second / 10, other, (ushort)53, client, (ushort)40000),
                     (Second / 5, server, (ushort)53, client, (ushort)40000),
                 })
        {
            var o = Synthetic(time, from, fromPort, to, toPort);
            flows.Mark(ref o);
            marks.Add(o.Has(ObservationFields.Reply));
        }

        marks.Should().Equal(false, false, true);
    }

    [Fact]
    public void AFullSetGivesUpItsLongestIdleConversationAndCountsIt()
    {
        // Eight entries: one set. Nine clients ask; the first asked longest ago and is pushed out, so its answer is
        // no longer recognised, while the second's still is.
        var flows = new RecentFlows(8);
        var frames = new List<(long, byte[])>();
        for (var i = 0; i < 9; i++) frames.Add((i * Second, Udp(Client + (uint)i, Server, 40000, 53)));
        frames.Add((10 * Second, Udp(Server, Client, 53, 40000)));
        frames.Add((11 * Second, Udp(Server, Client + 2, 53, 40000)));

        var marks = Mark(flows, [.. frames]);

        marks.Should().Equal(false, false, false, false, false, false, false, false, false, false, true);
        flows.Evicted.Should().Be(2, "the ninth question pushed out the first, and the answer to the first then pushed out the second");
    }

    private static Observation Synthetic(long time, HostAddress source, ushort sourcePort, HostAddress destination, ushort destinationPort)
    {
        var o = new Observation
        {
            Time = new Timestamp(time, 9),
            Source = source,
            Destination = destination,
            Protocol = TransportProtocol.Udp,
            SourcePort = sourcePort,
            DestinationPort = destinationPort,
        };
        o.Set(ObservationFields.Time | ObservationFields.Source | ObservationFields.Destination | ObservationFields.Ports);
        return o;
    }

    private static List<bool> Mark(RecentFlows flows, params (long Time, byte[] Frame)[] frames)
    {
        var marks = new List<bool>();
        foreach (var observation in Decode(frames))
        {
            var o = observation;
            flows.Mark(ref o);
            marks.Add(o.Has(ObservationFields.Reply));
        }

        return marks;
    }

    private static IEnumerable<Observation> Decode(params (long Time, byte[] Frame)[] frames) => Decoded.Frames(frames).Observations;

    private static byte[] Udp(uint source, uint destination, ushort sourcePort, ushort destinationPort)
    {
        var frame = new byte[256];
        var length = FrameBuilder.Udp(frame, 0x020000000001, 0x020000000002, source, destination, sourcePort, destinationPort, 1, 64, 20);
        return frame[..length];
    }

    private static byte[] Tcp(uint source, uint destination, ushort sourcePort, ushort destinationPort)
    {
        var frame = new byte[256];
        var length = FrameBuilder.Tcp(frame, 0x020000000001, 0x020000000002, source, destination, sourcePort, destinationPort, TcpFlags.Syn, 1, 0, 1024, 1, 64);
        return frame[..length];
    }

    private sealed class Recorder(List<bool> seen) : IDetector
    {
        public string Name => "recorder";

        public long Evicted => 0;

        public void Observe(in Observation observation) => seen.Add(observation.Has(ObservationFields.Reply));

        public void Advance(Timestamp now, IFindingSink sink)
        {
        }

        public void Complete(IFindingSink sink)
        {
        }
    }
}
