using Spoor.Evidence;
using Spoor.Ingest.Capture;

namespace Spoor.Bench;

/// <summary>
/// Makes a large, deterministic capture of scan-like and ordinary traffic: SYN probes with their RST or
/// SYN-ACK answers, UDP and ICMP echo, from many sources, so the decoder meets every common path.
/// </summary>
internal static class SyntheticCapture
{
    public static void Write(string path, int packets, int distinctSources)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new PcapWriter(file, LinkTypes.Ethernet);
        var random = new Random(20261123);
        Span<byte> frame = stackalloc byte[1600];
        var time = 1_700_000_000L * Timestamp.NanosecondsPerSecond;
        const uint target = 0xC000_0200; // 192.0.2.0/24
        for (var i = 0; i < packets; i++)
        {
            time += random.Next(1_000, 200_000);
            var source = 0x0A00_0000u + (uint)random.Next(distinctSources);
            var host = target + (uint)random.Next(1, 255);
            var port = (ushort)random.Next(1, 65536);
            var kind = random.Next(100);
            int length;
            if (kind < 55)
            {
                length = FrameBuilder.Tcp(frame, 0x0299_0000_0001, 0x0299_0000_0002, source, host, (ushort)random.Next(1024, 65535), port,
                    TcpFlags.Syn, (uint)random.Next(), 0, 1024, (ushort)random.Next(65536), (byte)random.Next(32, 128));
            }
            else if (kind < 80)
            {
                length = FrameBuilder.Tcp(frame, 0x0299_0000_0002, 0x0299_0000_0001, host, source, port, (ushort)random.Next(1024, 65535),
                    random.Next(4) == 0 ? TcpFlags.Syn | TcpFlags.Ack : TcpFlags.Rst | TcpFlags.Ack, (uint)random.Next(), (uint)random.Next(), 0, 0, 64,
                    random.Next(8) == 0 ? random.Next(1, 1400) : 0);
            }
            else if (kind < 95)
            {
                length = FrameBuilder.Udp(frame, 0x0299_0000_0001, 0x0299_0000_0002, source, host, (ushort)random.Next(1024, 65535), port,
                    (ushort)random.Next(65536), 64, random.Next(0, 512));
            }
            else
            {
                length = FrameBuilder.IcmpEcho(frame, 0x0299_0000_0001, 0x0299_0000_0002, source, host, 8, (ushort)random.Next(65536), (ushort)i,
                    (ushort)random.Next(65536), 64);
            }

            writer.Write(new Timestamp(time, 6), frame[..length]);
        }
    }
}
