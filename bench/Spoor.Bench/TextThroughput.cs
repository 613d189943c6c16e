using System.Diagnostics;
using System.Globalization;
using Spoor.Ingest;

namespace Spoor.Bench;

/// <summary>
/// Measures Spoor's full read of a text log (line splitting, UTF-8 decoding, format dispatch, field
/// parsing) against <c>wc -l</c> on the same file in the same run (reading and counting lines only: the floor).
/// </summary>
internal static class TextThroughput
{
    public static int Run(string log, int passes)
    {
        var records = Read(log); // warm-up: JIT, page cache
        Console.WriteLine(Invariant($"log: {log} ({new FileInfo(log).Length / 1e6:F1} MB, {records:N0} records)"));

        var wc = BestOf(passes, () => Time("wc", ["-l", log]));
        Console.WriteLine(wc is { } w
            ? Invariant($"wc -l: {w.TotalSeconds:F3} s  ({records / w.TotalSeconds / 1e6:F2} M lines/s)")
            : "wc: not available, no baseline");

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var gen2Before = GC.CollectionCount(2);
        var spoor = BestOf(passes, () =>
        {
            var watch = Stopwatch.StartNew();
            Read(log);
            return watch.Elapsed;
        })!.Value;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine(Invariant($"spoor text read (1 thread): {spoor.TotalSeconds:F3} s  ({records / spoor.TotalSeconds / 1e6:F2} M lines/s)"));
        Console.WriteLine(Invariant($"  allocated over {passes} passes: {allocated / 1024.0:F0} KiB ({(double)allocated / passes / records:F4} bytes/line), gen-2 collections: {GC.CollectionCount(2) - gen2Before}"));
        if (wc is { } baseline) Console.WriteLine(Invariant($"ratio spoor/wc: {spoor.TotalSeconds / baseline.TotalSeconds:F2}x"));
        return 0;
    }

    private static long Read(string log)
    {
        using var source = InputOpener.Open(log, 0, new IngestOptions { Year = 2026 });
        var count = Analyzer.Drain(source);
        if (source.Accounting.Failed > 0) throw new InvalidOperationException($"{source.Accounting.Failed} lines failed: {source.Accounting.Problems[0].Message}");
        return count;
    }

    private static TimeSpan? Time(string program, string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? watch.Elapsed : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
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

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
