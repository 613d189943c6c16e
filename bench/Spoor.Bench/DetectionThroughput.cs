using System.Diagnostics;
using System.Globalization;
using Spoor.Detect;
using Spoor.Ingest;

namespace Spoor.Bench;

/// <summary>
/// Measures, in one run and on the same capture, decode only (<see cref="Analyzer.Drain"/>) against the whole
/// pipeline with every detector of <see cref="DetectorCatalog"/> on (<see cref="Analyzer.Run"/>: open, merge, mark
/// duplicates, detect), best of several passes each, and prints the ratio. The goal: detection keeps at least half
/// of decode-only speed.
/// </summary>
internal static class DetectionThroughput
{
    /// <summary>The goal: with every detector on, at least half of decode-only speed.</summary>
    private const double GoalRatio = 0.5;

    private const int WarmUpPasses = 4;

    public static int Run(string capture, int passes)
    {
        var detectors = DetectorCatalog.Create(DetectionOptions.Default);
        Console.WriteLine(Invariant($"capture: {capture} ({new FileInfo(capture).Length / 1e6:F1} MB)"));
        Console.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}"));
        Console.WriteLine($"detectors ({detectors.Count}): {string.Join(", ", detectors.Select(d => d.Name))}");

        long packets = 0;
        var decode = BestOf(passes, () =>
        {
            using var source = InputOpener.Open(capture, 0);
            packets = Analyzer.Drain(source);
        });
        Console.WriteLine(Invariant($"decode only:   {decode.Seconds:F3} s  {packets / decode.Seconds / 1e6:F2} M packets/s  allocated {decode.Allocated / (double)packets:F2} B/packet"));

        var bare = BestOf(passes, () => RunWithout(capture));
        Console.WriteLine(Invariant($"pipeline, no detectors: {bare.Seconds:F3} s  {packets / bare.Seconds / 1e6:F2} M packets/s  allocated {bare.Allocated / (double)packets:F2} B/packet"));

        var findings = 0;
        var full = BestOf(passes, () => findings = Analyzer.Run([capture]).Findings.Count);
        Console.WriteLine(Invariant($"full pipeline: {full.Seconds:F3} s  {packets / full.Seconds / 1e6:F2} M packets/s  allocated {full.Allocated / (double)packets:F2} B/packet  findings {findings}  (median of {passes} passes {full.Median:F3} s)"));
        Console.WriteLine($"  {full.Collections}");

        // Each detector alone on the reading thread (no second thread to hide its cost behind the reading), to see
        // where the time and the allocations go: its cost is its time less the decode-only time.
        foreach (var name in detectors.Select(d => d.Name))
        {
            var alone = BestOf(1, () => RunInline(capture, DetectorCatalog.Create(DetectionOptions.Default).Where(d => d.Name == name).ToList()));
            Console.WriteLine(Invariant($"  {name,-16} alone, one thread: {alone.Seconds:F3} s (+{(alone.Seconds - decode.Seconds) * 1e9 / packets:F0} ns/packet over decode)  allocated {alone.Allocated / (double)packets:F2} B/packet"));
        }

        // Two busy threads vary more from pass to pass than one: the median ratio is printed beside the best.
        var ratio = decode.Seconds / full.Seconds;
        Console.WriteLine(Invariant($"ratio full/decode-only speed: {ratio:P0}, medians {decode.Median / full.Median:P0} (goal ≥ {GoalRatio:P0}: {(ratio >= GoalRatio ? "met" : "NOT met")})"));
        return 0;
    }

    /// <summary>Decoding and detection on one thread with the given detectors, through the engine the analysis uses.</summary>
    private static void RunInline(string capture, IReadOnlyList<IDetector> detectors)
    {
        using var source = InputOpener.Open(capture, 0);
        var engine = new DetectionEngine(detectors);
        while (source.TryRead(out var observation)) engine.ObserveInPlace(ref observation);
        engine.Complete();
    }

    /// <summary>Analyzer.Run with an empty detector list: what opening, merging and duplicate marking cost before any detector.</summary>
    private static void RunWithout(string capture) => Analyzer.Run([InputOpener.Open(capture, 0)], Array.Empty<IDetector>());

    /// <summary>Runs <paramref name="run"/> once to warm up, then <paramref name="passes"/> times: the best pass (with its allocation and collections) and the median time.</summary>
    private static (double Seconds, long Allocated, string Collections, double Median) BestOf(int passes, Action run)
    {
        // Warm-up: page cache, tables and the JIT, whose tiered, profile-guided code keeps improving over the first
        // passes of a two-million-packet run (the third pass of the full pipeline ran 0.8 s, the fifth 0.5 s).
        for (var i = 0; i < WarmUpPasses; i++) run();
        var times = new double[passes];
        var best = double.MaxValue;
        long allocated = 0;
        var collections = string.Empty;
        for (var i = 0; i < passes; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var paused = GC.GetTotalPauseDuration();
            var watch = Stopwatch.StartNew();
            run();
            var seconds = watch.Elapsed.TotalSeconds;
            times[i] = seconds;
            if (seconds < best)
            {
                best = seconds;
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                collections = Invariant($"collections gen0/1/2 {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F3} s");
            }
        }

        Array.Sort(times);
        var median = passes % 2 == 1 ? times[passes / 2] : (times[(passes / 2) - 1] + times[passes / 2]) / 2;
        return (best, allocated, collections, median);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
