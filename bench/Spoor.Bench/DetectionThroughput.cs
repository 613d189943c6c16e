using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Spoor.Detect;
using Spoor.Ingest;

namespace Spoor.Bench;

/// <summary>
/// Measures, in one run and on the same capture, decode only (<see cref="Analyzer.Drain"/>) against the whole
/// pipeline with every detector of <see cref="DetectorCatalog"/> on (<see cref="Analyzer.Run"/>: open, merge, mark
/// duplicates, detect), in alternating passes, and prints the ratio of the best passes and the median ratio of the
/// pairs. The goal: detection keeps at least half of decode-only speed.
/// </summary>
internal static class DetectionThroughput
{
    /// <summary>The goal: with every detector on, at least half of decode-only speed.</summary>
    private const double GoalRatio = 0.5;

    private const int WarmUpPasses = 4;

    /// <summary>getrusage's <c>who</c> for the calling thread (Linux).</summary>
    private const int RusageThread = 1;

    public static int Run(string capture, int passes)
    {
        var detectors = DetectorCatalog.Create(DetectionOptions.Default);
        Console.WriteLine(Invariant($"capture: {capture} ({new FileInfo(capture).Length / 1e6:F1} MB)"));
        Console.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}"));
        Console.WriteLine($"detectors ({detectors.Count}): {string.Join(", ", detectors.Select(d => d.Name))}");

        long packets = 0;
        void Decode()
        {
            using var source = InputOpener.Open(capture, 0);
            packets = Analyzer.Drain(source);
        }

        var findings = 0;
        void Full() => findings = Analyzer.Run([capture]).Findings.Count;

        // Decode-only and full-pipeline passes alternate, so the two figures of a pair meet the same machine: on a
        // shared virtual machine the speed of one process drifts by a third over a minute (bench/README.md), and a
        // ratio of two figures taken a minute apart measured the drift as much as the pipeline.
        for (var i = 0; i < WarmUpPasses; i++)
        {
            Decode();
            Full();
        }

        var decodes = new List<Pass>();
        var fulls = new List<Pass>();
        var ratios = new double[passes];
        for (var i = 0; i < passes; i++)
        {
            decodes.Add(Measure(Decode));
            fulls.Add(Measure(Full));
            ratios[i] = decodes[i].Seconds / fulls[i].Seconds;
        }

        var decode = Best(decodes);
        Console.WriteLine(Invariant($"decode only:   {decode.Seconds:F3} s  {packets / decode.Seconds / 1e6:F2} M packets/s  allocated {decode.Allocated / (double)packets:F2} B/packet{Faults(decode.PageFaults)}  (median of {passes} passes {Median(decodes):F3} s)"));
        var full = Best(fulls);
        Console.WriteLine(Invariant($"full pipeline: {full.Seconds:F3} s  {packets / full.Seconds / 1e6:F2} M packets/s  allocated {full.Allocated / (double)packets:F2} B/packet{Faults(full.PageFaults)}  findings {findings}  (median of {passes} passes {Median(fulls):F3} s)"));
        Console.WriteLine($"  {full.Collections}{Processor(full)}");

        var bare = BestOf(passes, () => RunWithout(capture));
        Console.WriteLine(Invariant($"pipeline, no detectors: {bare.Seconds:F3} s  {packets / bare.Seconds / 1e6:F2} M packets/s  allocated {bare.Allocated / (double)packets:F2} B/packet{Faults(bare.PageFaults)}"));

        // Each detector alone on the reading thread (no second thread to hide its cost behind the reading), to see
        // where the time and the allocations go: its cost is its time less the decode-only time.
        foreach (var name in detectors.Select(d => d.Name))
        {
            var alone = BestOf(1, () => RunInline(capture, DetectorCatalog.Create(DetectionOptions.Default).Where(d => d.Name == name).ToList()));
            Console.WriteLine(Invariant($"  {name,-16} alone, one thread: {alone.Seconds:F3} s (+{(alone.Seconds - decode.Seconds) * 1e9 / packets:F0} ns/packet over decode)  allocated {alone.Allocated / (double)packets:F2} B/packet"));
        }

        // The best passes' ratio, and the median of the ratios of the alternating pairs: two busy threads vary more from
        // pass to pass than one, and the pairs' median is the steadier figure.
        var ratio = decode.Seconds / full.Seconds;
        Array.Sort(ratios);
        var pairRatio = ratios[passes / 2];
        Console.WriteLine(Invariant($"ratio full/decode-only speed: best passes {ratio:P0}, median of {passes} alternating pairs {pairRatio:P0} (range {ratios[0]:P0}-{ratios[^1]:P0}) (goal ≥ {GoalRatio:P0}: {(ratio >= GoalRatio ? "met" : "NOT met")})"));
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

    /// <param name="ThreadSeconds">Processor time of the measuring thread, which is the detecting one in a full pass (-1 where not measured).</param>
    /// <param name="ProcessSeconds">Processor time of every thread of the process.</param>
    private readonly record struct Pass(double Seconds, long Allocated, string Collections, long PageFaults, double ThreadSeconds, double ProcessSeconds);

    /// <summary>Times one pass, with what it allocated and the collections it caused.</summary>
    private static Pass Measure(Action run)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        var faults = MinorPageFaults();
        var thread = ThreadProcessorSeconds();
        var process = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        run();
        var seconds = watch.Elapsed.TotalSeconds;
        var faulted = faults < 0 ? -1 : MinorPageFaults() - faults;
        var threadSeconds = thread < 0 ? -1 : ThreadProcessorSeconds() - thread;
        var processSeconds = (Process.GetCurrentProcess().TotalProcessorTime - process).TotalSeconds;
        return new Pass(seconds, GC.GetTotalAllocatedBytes(precise: true) - before,
            Invariant($"collections gen0/1/2 {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F3} s"),
            faulted, threadSeconds, processSeconds);
    }

    /// <summary>
    /// The calling thread's processor time (Linux <c>getrusage(RUSAGE_THREAD)</c>; -1 elsewhere). In a full pass the
    /// bench's thread is the detecting one (the reading runs on a thread of its own), so this and the process's total
    /// tell which of the two sets the pace, steadier than a pass's wall time on a machine whose speed drifts.
    /// </summary>
    private static double ThreadProcessorSeconds()
    {
        if (!OperatingSystem.IsLinux()) return -1;
        return getrusage(RusageThread, out var usage) != 0
            ? -1
            : usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6);
    }

    [DllImport("libc")]
    private static extern int getrusage(int who, out ResourceUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs this bench does not read.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        private Unread _unread;

        [System.Runtime.CompilerServices.InlineArray(14)]
        private struct Unread
        {
            private long _field;
        }
    }

    private static string Processor(Pass pass) =>
        pass.ThreadSeconds < 0 ? "" : Invariant($"  processor time: detecting thread {pass.ThreadSeconds:F3} s, all threads {pass.ProcessSeconds:F3} s");

    /// <summary>
    /// The process's minor page faults so far (Linux; -1 elsewhere): each first touch of a fresh page is one, and on a
    /// virtual machine with shadow paging one costs about 10 µs, so a pass that builds its tables in fresh memory pays
    /// for every page of them (bench/README.md).
    /// </summary>
    private static long MinorPageFaults()
    {
        try
        {
            // /proc/self/stat: the command name may hold spaces, so fields are counted after its closing parenthesis;
            // minflt is the tenth field of the line, the eighth after it.
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return -1;
        }
    }

    private static string Faults(long pageFaults) => pageFaults < 0 ? "" : Invariant($"  page faults {pageFaults}");

    private static Pass Best(List<Pass> passes) => passes.MinBy(p => p.Seconds);

    private static double Median(List<Pass> passes)
    {
        var times = passes.Select(p => p.Seconds).Order().ToArray();
        return times.Length % 2 == 1 ? times[times.Length / 2] : (times[(times.Length / 2) - 1] + times[times.Length / 2]) / 2;
    }

    /// <summary>Runs <paramref name="run"/> once to warm up, then <paramref name="passes"/> times: the best pass (with its allocation and collections) and the median time.</summary>
    private static (double Seconds, long Allocated, string Collections, double Median, long PageFaults) BestOf(int passes, Action run)
    {
        // Warm-up: page cache, tables and the JIT, whose tiered, profile-guided code keeps improving over the first
        // passes of a two-million-packet run (the third pass of the full pipeline ran 0.8 s, the fifth 0.5 s).
        for (var i = 0; i < WarmUpPasses; i++) run();
        var measured = new List<Pass>();
        for (var i = 0; i < passes; i++) measured.Add(Measure(run));
        var best = Best(measured);
        return (best.Seconds, best.Allocated, best.Collections, Median(measured), best.PageFaults);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
