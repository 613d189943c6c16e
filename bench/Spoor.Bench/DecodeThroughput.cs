using System.Diagnostics;
using System.Globalization;
using Spoor.Ingest;

namespace Spoor.Bench;

/// <summary>
/// Measures Spoor's full decode of a capture against <c>tcpdump -r FILE -w /dev/null</c> (reading the
/// records without decoding them: our practical floor) in the same run, best of several passes each,
/// with allocation and gen-2 counts for the decode.
/// </summary>
internal static class DecodeThroughput
{
    public static int Run(string capture, int passes)
    {
        var packets = CountPackets(capture); // warm-up pass: JIT, page cache
        Console.WriteLine(Invariant($"capture: {capture} ({new FileInfo(capture).Length / 1e6:F1} MB, {packets:N0} packets)"));
        Console.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}"));

        var tcpdump = BestOf(passes, () => RunTcpdump(capture));
        Console.WriteLine(tcpdump is { } t
            ? Invariant($"tcpdump -r -w /dev/null: {t.TotalSeconds:F3} s  ({packets / t.TotalSeconds / 1e6:F2} M packets/s)")
            : "tcpdump: not installed, no baseline");

        var gen2Before = GC.CollectionCount(2);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var spoor = BestOf(passes, () =>
        {
            var watch = Stopwatch.StartNew();
            CountPackets(capture);
            return watch.Elapsed;
        })!.Value;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        Console.WriteLine(Invariant($"spoor decode (1 thread): {spoor.TotalSeconds:F3} s  ({packets / spoor.TotalSeconds / 1e6:F2} M packets/s)"));
        Console.WriteLine(Invariant($"  allocated over {passes} passes: {allocated / 1024.0:F0} KiB ({(double)allocated / passes / packets:F4} bytes/packet), gen-2 collections: {gen2}"));
        if (tcpdump is { } baseline)
        {
            Console.WriteLine(Invariant($"ratio spoor/tcpdump: {spoor.TotalSeconds / baseline.TotalSeconds:F2}x"));
        }

        return 0;
    }

    private static long CountPackets(string capture)
    {
        using var source = InputOpener.Open(capture, 0);
        return Analyzer.Drain(source);
    }

    private static TimeSpan? BestOf(int passes, Func<TimeSpan?> run)
    {
        TimeSpan? best = null;
        for (var i = 0; i < passes; i++)
        {
            var t = run();
            if (t is null) return null;
            if (best is null || t < best) best = t;
        }

        return best;
    }

    private static TimeSpan? RunTcpdump(string capture)
    {
        try
        {
            var info = new ProcessStartInfo("tcpdump", ["-r", capture, "-w", "/dev/null"]) { RedirectStandardError = true, RedirectStandardOutput = true };
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? watch.Elapsed : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
