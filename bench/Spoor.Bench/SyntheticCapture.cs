using Spoor.Ingest.Capture;

namespace Spoor.Bench;

/// <summary>Writes a synthetic workload to a pcap file, for benchmarks that read a real file.</summary>
internal static class SyntheticCapture
{
    public static void Write(string path, int packets, ITrafficGenerator traffic)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new PcapWriter(file, LinkTypes.Ethernet);
        Span<byte> frame = stackalloc byte[1600];
        for (var i = 0; i < packets; i++)
        {
            var length = traffic.Next(frame, out var time);
            writer.Write(time, frame[..length]);
        }
    }
}
