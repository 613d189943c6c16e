using System.Diagnostics;
using System.Globalization;
using Spoor.Ingest.Capture;

namespace Spoor.Bench;

/// <summary>
/// Streams a large synthetic capture with many random sources through the whole pipeline (<see cref="Analyzer.Run"/>)
/// and samples the process's working set and GC heap as it goes, so flat memory can be seen. The packets are made
/// on the fly and written into a named pipe that the analysis reads as its input file: 10 million packets would be a
/// 1.3 GB file, and a pipe exercises exactly the path a real file takes (open, sniff, pcap reader) without it.
/// </summary>
internal static class MemoryProfile
{
    private static long _written;

    public static int Run(string directory, long packets, int sources, int sampleSeconds)
    {
        Directory.CreateDirectory(directory);
        var fifo = Path.Combine(directory, $"memory-{Environment.ProcessId}.pcap.fifo");
        if (File.Exists(fifo)) File.Delete(fifo);
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            if (mkfifo.ExitCode != 0)
            {
                Console.Error.WriteLine($"mkfifo {fifo} failed");
                return 1;
            }
        }

        Console.WriteLine(Invariant($"streaming {packets:N0} synthetic packets from {sources:N0} random sources through {fifo}"));
        Console.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}"));
        Console.WriteLine("  elapsed    packets   working set   GC heap   managed live");

        var writer = new Thread(() => Produce(fifo, packets, sources)) { IsBackground = true, Name = "synthetic capture" };
        writer.Start();

        var watch = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        long peakWorkingSet = 0, peakHeap = 0;
        var samples = new List<(double Seconds, long Packets, long WorkingSet, long Heap)>();
        void Sample()
        {
            process.Refresh();
            var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
            var workingSet = process.WorkingSet64;
            peakWorkingSet = Math.Max(peakWorkingSet, workingSet);
            peakHeap = Math.Max(peakHeap, heap);
            var written = Interlocked.Read(ref _written);
            lock (samples) samples.Add((watch.Elapsed.TotalSeconds, written, workingSet, heap));
            Console.WriteLine(Invariant($"  {watch.Elapsed.TotalSeconds,6:F0} s {written,10:N0} {workingSet / 1e6,10:F0} MB {heap / 1e6,7:F0} MB {GC.GetTotalMemory(false) / 1e6,9:F0} MB"));
        }

        AnalysisResult result;
        using (new Timer(_ => Sample(), null, TimeSpan.FromSeconds(sampleSeconds), TimeSpan.FromSeconds(sampleSeconds)))
        {
            result = Analyzer.Run([fifo]);
        }

        writer.Join();
        Sample();
        File.Delete(fifo);
        process.Refresh();

        var read = result.Inputs[0].Decoded;
        Console.WriteLine(Invariant($"read {read:N0} packets in {watch.Elapsed.TotalSeconds:F1} s ({read / watch.Elapsed.TotalSeconds / 1e6:F2} M packets/s), {result.Findings.Count} findings"));
        Console.WriteLine(Invariant($"peak working set: sampled {peakWorkingSet / 1e6:F0} MB, OS peak {process.PeakWorkingSet64 / 1e6:F0} MB; peak GC heap {peakHeap / 1e6:F0} MB"));

        // Flat means the second half of the run needs no more memory than the first.
        var half = samples.Where(s => s.Packets > 0).ToList();
        if (half.Count >= 4)
        {
            var first = half.Take(half.Count / 2).Max(s => s.WorkingSet);
            var second = half.Skip(half.Count / 2).Max(s => s.WorkingSet);
            Console.WriteLine(Invariant($"working set peak, first half of samples {first / 1e6:F0} MB, second half {second / 1e6:F0} MB ({(second - first) / 1e6:+0;-0} MB)"));
        }

        return 0;
    }

    private static void Produce(string fifo, long packets, int sources)
    {
        using var file = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
        using var writer = new PcapWriter(file, LinkTypes.Ethernet);
        var traffic = new SyntheticTraffic(sources);
        var frame = new byte[1600];
        for (long i = 0; i < packets; i++)
        {
            var length = traffic.Next(frame, out var time);
            writer.Write(time, frame.AsSpan(0, length));
            if ((i & 0xFFF) == 0) Interlocked.Exchange(ref _written, i);
        }

        Interlocked.Exchange(ref _written, packets);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
