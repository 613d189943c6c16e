using Spoor.Evidence;
using Spoor.Ingest.Capture;

namespace Spoor.Bench;

/// <summary>
/// A deterministic stream of probe-like frames (the "probes" workload): SYN probes with their RST or SYN-ACK answers,
/// UDP and ICMP echo, from a chosen number of sources to random hosts and ports. Every packet is a first contact, so
/// it is the detectors' worst case, not what a site's capture looks like (that is <see cref="SiteTraffic"/>). Frames are
/// made one at a time into the caller's buffer, so any number of them costs no memory.
/// </summary>
internal sealed class SyntheticTraffic : ITrafficGenerator
{
    private const uint Target = 0xC000_0200; // 192.0.2.0/24
    private const uint SourceBase = 0x0A00_0000; // 10.0.0.0/8 holds up to 16 M distinct sources

    private readonly Random _random;
    private readonly int _distinctSources;
    private long _time = 1_700_000_000L * Timestamp.NanosecondsPerSecond;
    private int _index;

    public SyntheticTraffic(int distinctSources, int seed = 20261123)
    {
        _random = new Random(seed);
        _distinctSources = distinctSources;
    }

    /// <summary>Writes the next frame into <paramref name="frame"/> (1600 bytes suffice) and returns its length.</summary>
    public int Next(Span<byte> frame, out Timestamp time)
    {
        var random = _random;
        _time += random.Next(1_000, 200_000);
        time = new Timestamp(_time, 6);
        var source = SourceBase + (uint)random.Next(_distinctSources);
        var host = Target + (uint)random.Next(1, 255);
        var port = (ushort)random.Next(1, 65536);
        var kind = random.Next(100);
        var i = _index++;
        if (kind < 55)
        {
            return FrameBuilder.Tcp(frame, 0x0299_0000_0001, 0x0299_0000_0002, source, host, (ushort)random.Next(1024, 65535), port,
                TcpFlags.Syn, (uint)random.Next(), 0, 1024, (ushort)random.Next(65536), (byte)random.Next(32, 128));
        }

        if (kind < 80)
        {
            return FrameBuilder.Tcp(frame, 0x0299_0000_0002, 0x0299_0000_0001, host, source, port, (ushort)random.Next(1024, 65535),
                random.Next(4) == 0 ? TcpFlags.Syn | TcpFlags.Ack : TcpFlags.Rst | TcpFlags.Ack, (uint)random.Next(), (uint)random.Next(), 0, 0, 64,
                random.Next(8) == 0 ? random.Next(1, 1400) : 0);
        }

        if (kind < 95)
        {
            return FrameBuilder.Udp(frame, 0x0299_0000_0001, 0x0299_0000_0002, source, host, (ushort)random.Next(1024, 65535), port,
                (ushort)random.Next(65536), 64, random.Next(0, 512));
        }

        return FrameBuilder.IcmpEcho(frame, 0x0299_0000_0001, 0x0299_0000_0002, source, host, 8, (ushort)random.Next(65536), (ushort)i,
            (ushort)random.Next(65536), 64);
    }
}
