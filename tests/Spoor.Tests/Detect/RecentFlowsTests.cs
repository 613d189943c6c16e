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
