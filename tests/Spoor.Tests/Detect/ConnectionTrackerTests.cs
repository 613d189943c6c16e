using Spoor.Detect;
using Spoor.Evidence;
using Spoor.Ingest.Capture;
using Spoor.Tests.Ingest;

namespace Spoor.Tests.Detect;

public sealed class ConnectionTrackerTests
{
    private const uint Client = 0x0A000001;
    private const uint Server = 0xC0000201;

    [Fact]
    public void SegmentsAfterTheCompletingAckAreMarkedAndTheCompletingAckIsNot()
    {
        var marks = Track(new ConnectionTracker(1024),
            ToServer(TcpFlags.Syn),
            ToClient(TcpFlags.Syn | TcpFlags.Ack),
            ToServer(TcpFlags.Ack),
            ToServer(TcpFlags.Ack | TcpFlags.Psh, payload: 100),
            ToClient(TcpFlags.Ack, payload: 1000),
            ToServer(TcpFlags.Fin | TcpFlags.Ack),
            ToClient(TcpFlags.Fin | TcpFlags.Ack),
            ToServer(TcpFlags.Ack));

        marks.Should().Equal(false, false, false, true, true, true, true, true);
    }

    [Fact]
    public void AResetEndsTheConnectionAndIsNeverMarked()
    {
        var marks = Track(new ConnectionTracker(1024),
            ToServer(TcpFlags.Syn),
            ToClient(TcpFlags.Syn | TcpFlags.Ack),
            ToServer(TcpFlags.Ack),
            ToServer(TcpFlags.Rst | TcpFlags.Ack),
            ToServer(TcpFlags.Ack, payload: 10));

        marks.Should().Equal(false, false, false, false, false);
    }

    [Fact]
    public void WithoutTheHandshakeNothingIsMarked()
    {
        // A capture that starts mid-connection, an ACK scan, a SYN answered by RST: all read the slow way.
        var marks = Track(new ConnectionTracker(1024),
            ToServer(TcpFlags.Ack, payload: 10),
            ToClient(TcpFlags.Ack, payload: 10),
            ToServer(TcpFlags.Ack),
            ToServer(TcpFlags.Syn, port: 81),
            ToClient(TcpFlags.Rst | TcpFlags.Ack, port: 81),
            ToServer(TcpFlags.Ack, port: 81));

        marks.Should().OnlyContain(marked => !marked);
    }

    [Fact]
    public void ANewSynOnTheSamePortsStartsOver()
    {
        var marks = Track(new ConnectionTracker(1024),
            ToServer(TcpFlags.Syn),
            ToClient(TcpFlags.Syn | TcpFlags.Ack),
            ToServer(TcpFlags.Ack),
            ToServer(TcpFlags.Ack, payload: 5),
            ToServer(TcpFlags.Syn),
            ToServer(TcpFlags.Ack, payload: 5));

        marks.Should().Equal(false, false, false, true, false, false);
    }

    [Fact]
    public void CapacityZeroTurnsTheShortcutOff()
    {
        var marks = Track(new ConnectionTracker(0),
            ToServer(TcpFlags.Syn),
            ToClient(TcpFlags.Syn | TcpFlags.Ack),
            ToServer(TcpFlags.Ack),
            ToServer(TcpFlags.Ack, payload: 5));

        marks.Should().OnlyContain(marked => !marked);
    }

    [Fact]
    public void ADigestIsTheSameFromEitherEndAndDiffersWithAnyEndpointField()
    {
        var client = HostAddress.FromIPv4(Client);
        var server = HostAddress.FromIPv4(Server);
        var digest = ConnectionTracker.Digest(client, 40000, server, 80);

        ConnectionTracker.Digest(server, 80, client, 40000).Should().Be(digest);
        var others = new[]
        {
            ConnectionTracker.Digest(client, 40001, server, 80),
            ConnectionTracker.Digest(client, 40000, server, 81),
            ConnectionTracker.Digest(HostAddress.FromIPv4(Client + 1), 40000, server, 80),
            ConnectionTracker.Digest(client, 80, server, 40000), // ports swapped between the ends: another connection
            ConnectionTracker.Digest(HostAddress.ReadIPv6(new byte[16]), 40000, server, 80),
        };
        others.Should().NotContain(digest).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void AnIPv6DigestIsTheSameFromEitherEndToo()
    {
        var a = HostAddress.ReadIPv6([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        var b = HostAddress.ReadIPv6([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
        ConnectionTracker.Digest(a, 40000, b, 443).Should().Be(ConnectionTracker.Digest(b, 443, a, 40000))
            .And.NotBe(ConnectionTracker.Digest(a, 40000, b, 80));
    }

    private static List<bool> Track(ConnectionTracker tracker, params byte[][] frames)
    {
        var marks = new List<bool>();
        foreach (var observation in Decoded.Frames(frames.Select((frame, i) => (i * 1_000_000L, frame))).Observations)
        {
            var o = observation;
            tracker.Mark(ref o);
            marks.Add(o.Has(ObservationFields.Established));
        }

        return marks;
    }

    private static byte[] ToServer(TcpFlags flags, int payload = 0, ushort port = 80) =>
        Frame(Client, Server, 40000, port, flags, payload);

    private static byte[] ToClient(TcpFlags flags, int payload = 0, ushort port = 80) =>
        Frame(Server, Client, port, 40000, flags, payload);

    private static byte[] Frame(uint source, uint destination, ushort sourcePort, ushort destinationPort, TcpFlags flags, int payload)
    {
        var frame = new byte[1600];
        var length = FrameBuilder.Tcp(frame, 0x020000000001, 0x020000000002, source, destination, sourcePort, destinationPort, flags, 1000, 2000, 64240, 1, 64, payload);
        return frame[..length];
    }
}
