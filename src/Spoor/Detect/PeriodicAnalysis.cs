namespace Spoor.Detect;

/// <summary>
/// Finds a rhythm in one flow's arrival times: a steady period (median interval, beats allowed to be missed, jitter
/// within a tolerance), a retransmission back-off (the same segment resent after doubling intervals, then capped),
/// or repeated equal bursts. Runs only when a finding is made, so it may allocate.
/// </summary>
public static class PeriodicAnalysis
{
    /// <summary>
    /// Intervals up to this long are inside a burst. Application retry timers that make bursts are short: NetBT
    /// resends a name query after 1.5 s (Windows NameSrvQueryTimeout), resolvers after 1–5 s, Windows TCP its SYN after 3 s.
    /// </summary>
    public const double BurstGapSeconds = 10.0;

    /// <summary>Off-beat intervals tolerated, as a fraction of those analysed: a restart or one stray packet must not hide a long rhythm.</summary>
    public const double OffBeatAllowance = 0.2;

    /// <summary>The back-off factor stacks use: RFC 6298 5.5 (and RFC 1122 before it) doubles the timeout on each expiry.</summary>
    public const double BackoffFactor = 2.0;

    /// <summary>Doublings needed to call a back-off (three intervals a, 2a, 4a): one doubling is too easily chance.</summary>
    public const int MinDoublings = 2;

    /// <summary>Relative slack when matching a schedule to a stack's table: the same as the beat tolerance's default.</summary>
    public const double MatchTolerance = 0.10;

    /// <summary>Repeated bursts without an even spacing say less than a steady beat: a fixed shape, not a fixed schedule.</summary>
    public const double IrregularBurstWeight = 0.6;

    /// <summary>
    /// The rhythm in <paramref name="times"/> (Unix nanoseconds, oldest first), or null when there is none worth a
    /// finding. <paramref name="sameSegment"/> says every occurrence was one TCP segment (same source port and
    /// sequence number), the precondition for reading growing intervals as a retransmission back-off.
    /// </summary>
    public static PeriodicPattern? Analyze(ReadOnlySpan<long> times, long resolutionNanoseconds, bool sameSegment, DetectionOptions options)
    {
        var n = times.Length;
        if (n < options.PeriodicMinOccurrences) return null;
        if (Seconds(times[n - 1] - times[0]) < options.PeriodicMinSpanSeconds) return null;

        var intervals = new double[n - 1];
        for (var i = 1; i < n; i++) intervals[i - 1] = Seconds(times[i] - times[i - 1]);
        var resolution = Seconds(resolutionNanoseconds);

        if (sameSegment && TryBackoff(intervals, options, n) is { } backoff) return backoff;
        if (TrySteady(intervals, resolution, options, n) is { } steady && steady.PeriodSeconds >= options.PeriodicMinPeriodSeconds) return steady;
        return TryBursts(intervals, resolution, options);
    }

    /// <summary>How sure a count makes us: 3 occurrences 0.5, 5 give 0.75, 9 give 0.94; each two more halve the doubt.</summary>
    public static double CountFactor(long occurrences) => 1 - Math.Pow(0.5, (occurrences - 1) / 2.0);

    private static PeriodicPattern? TrySteady(double[] intervals, double resolution, DetectionOptions options, long occurrences)
    {
        Fit? best = null;
        // The median is the period unless many beats were missed (the shortest interval catches that) or the jitter is
        // two-sided enough to split the intervals into a short and a long half (the mean catches that).
        foreach (var candidate in (ReadOnlySpan<double>)[Median(intervals), Min(intervals), Mean(intervals)])
        {
            if (candidate <= 0) continue;
            var fit = FitPeriod(intervals, candidate, resolution, options);
            if (fit is null) continue;
            if (best is null || fit.OnBeat > best.OnBeat || (fit.OnBeat == best.OnBeat && fit.Period > best.Period)) best = fit;
        }

        if (best is null) return null;
        var allowedOff = (int)Math.Floor(intervals.Length * OffBeatAllowance);
        if (best.OnBeat < intervals.Length - allowedOff || best.OnBeat + 1 < options.PeriodicMinOccurrences) return null;

        var onBeatFraction = (double)best.OnBeat / intervals.Length;
        var spread = 1 - 0.5 * Math.Min(1, best.Jitter / best.Tolerance);
        return new PeriodicPattern
        {
            Shape = PeriodicShape.Steady,
            PeriodSeconds = best.Period,
            JitterSeconds = best.Jitter,
            MaxDeviationSeconds = best.MaxDeviation,
            ToleranceSeconds = best.Tolerance,
            IntervalsAnalysed = intervals.Length,
            IntervalsOnBeat = best.OnBeat,
            MissedBeats = best.Missed,
            Confidence = CountFactor(occurrences) * spread * onBeatFraction,
        };
    }

    private static PeriodicPattern? TryBackoff(double[] d, DetectionOptions options, long occurrences)
    {
        var tolerance = options.PeriodicJitterTolerance;
        var doublings = 0;
        while (doublings + 1 < d.Length && Near(d[doublings + 1] / d[doublings], BackoffFactor, tolerance)) doublings++;
        if (doublings < MinDoublings) return null;

        double cap = 0;
        var rest = d.AsSpan(doublings + 1);
        if (!rest.IsEmpty)
        {
            cap = Median(rest.ToArray());
            foreach (var value in rest)
            {
                if (!Near(value, cap, tolerance)) return null;
            }

            // A ceiling is where the next doubling was cut short; anything else is another rhythm after a back-off.
            var last = d[doublings];
            if (cap >= last * BackoffFactor * (1 - tolerance) || cap < last * (1 - tolerance)) return null;
        }

        return new PeriodicPattern
        {
            Shape = PeriodicShape.RetransmissionBackoff,
            PeriodSeconds = cap > 0 ? cap : d[^1],
            IntervalsAnalysed = d.Length,
            IntervalsOnBeat = d.Length,
            Confidence = CountFactor(occurrences),
            Schedule = d,
            InitialSeconds = d[0],
            Factor = BackoffFactor,
            CapSeconds = cap,
        };
    }

    private static PeriodicPattern? TryBursts(double[] d, double resolution, DetectionOptions options)
    {
        var inside = new List<double>();
        var between = new List<double>();
        var sizes = new List<int> { 1 };
        var startGaps = new List<double>();
        var sinceBurstStart = 0.0;
        foreach (var interval in d)
        {
            sinceBurstStart += interval;
            if (interval <= BurstGapSeconds)
            {
                inside.Add(interval);
                sizes[^1]++;
            }
            else
            {
                between.Add(interval);
                startGaps.Add(sinceBurstStart);
                sinceBurstStart = 0;
                sizes.Add(1);
            }
        }

        if (sizes.Count < options.PeriodicMinOccurrences || inside.Count == 0) return null;
        var size = sizes[0];
        foreach (var s in sizes)
        {
            if (s != size) return null;
        }

        if (size < 2) return null;

        var within = FitPeriod(inside.ToArray(), Median(inside.ToArray()), resolution, options);
        if (within is null || within.OnBeat != inside.Count || within.Missed != 0 || within.Period < options.PeriodicMinPeriodSeconds) return null;

        var bursts = sizes.Count;
        var steadyStarts = TrySteady(startGaps.ToArray(), resolution, options, bursts);
        var spread = 1 - 0.5 * Math.Min(1, within.Jitter / within.Tolerance);
        var confidence = steadyStarts?.Confidence ?? CountFactor(bursts) * IrregularBurstWeight * spread;
        return new PeriodicPattern
        {
            Shape = PeriodicShape.RepeatedBursts,
            PeriodSeconds = within.Period,
            JitterSeconds = within.Jitter,
            MaxDeviationSeconds = within.MaxDeviation,
            ToleranceSeconds = within.Tolerance,
            IntervalsAnalysed = d.Length,
            IntervalsOnBeat = inside.Count,
            Confidence = confidence,
            Schedule = startGaps,
            BurstSize = size,
            Bursts = bursts,
            BurstPeriodSeconds = steadyStarts?.PeriodSeconds,
        };
    }

    /// <summary>Counts the intervals that are 1 to 1 + max-missed whole periods, refines the period from them, and measures the spread.</summary>
    private static Fit? FitPeriod(double[] d, double candidate, double resolution, DetectionOptions options)
    {
        var period = candidate;
        var quotients = new List<double>(d.Length);
        for (var pass = 0; pass < 2; pass++)
        {
            quotients.Clear();
            var tolerance = Math.Max(options.PeriodicJitterTolerance * period, resolution);
            foreach (var interval in d)
            {
                if (Beats(interval, period, tolerance, options) is { } k) quotients.Add(interval / k);
            }

            if (quotients.Count == 0) return null;
            // The mean of the beats already inside the tolerance: outliers are out, and a two-sided jitter averages out.
            period = Mean(quotients.ToArray());
        }

        var finalTolerance = Math.Max(options.PeriodicJitterTolerance * period, resolution);
        var deviations = new List<double>(d.Length);
        var missed = 0;
        var maxDeviation = 0.0;
        foreach (var interval in d)
        {
            if (Beats(interval, period, finalTolerance, options) is not { } k) continue;
            var deviation = Math.Abs(interval / k - period);
            deviations.Add(deviation);
            missed += k - 1;
            maxDeviation = Math.Max(maxDeviation, deviation);
        }

        if (deviations.Count == 0) return null;
        return new Fit(period, deviations.Count, missed, Median(deviations.ToArray()), maxDeviation, finalTolerance);
    }

    /// <summary>The whole number of periods an interval spans when it is on the beat, else null.</summary>
    private static int? Beats(double interval, double period, double tolerance, DetectionOptions options)
    {
        var k = (int)Math.Round(interval / period);
        if (k < 1 || k > 1 + options.PeriodicMaxMissedBeats) return null;
        return Math.Abs(interval / k - period) <= tolerance ? k : null;
    }

    private static bool Near(double value, double expected, double tolerance) => Math.Abs(value - expected) <= expected * tolerance;

    private static double Seconds(long nanoseconds) => nanoseconds / (double)Spoor.Evidence.Timestamp.NanosecondsPerSecond;

    private static double Min(double[] values)
    {
        var min = double.MaxValue;
        foreach (var v in values) min = Math.Min(min, v);
        return min;
    }

    private static double Mean(double[] values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private sealed record Fit(double Period, int OnBeat, int Missed, double Jitter, double MaxDeviation, double Tolerance);
}
