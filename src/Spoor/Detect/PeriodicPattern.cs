namespace Spoor.Detect;

/// <summary>What <see cref="PeriodicAnalysis"/> measured in one flow's arrival times.</summary>
public sealed record PeriodicPattern
{
    public required PeriodicShape Shape { get; init; }

    /// <summary>The period: between beats (steady), the ceiling (back-off, once reached), or between packets of a burst.</summary>
    public required double PeriodSeconds { get; init; }

    /// <summary>Median absolute deviation of the beats from the period (robust spread).</summary>
    public double JitterSeconds { get; init; }

    /// <summary>Largest deviation of a beat from the period.</summary>
    public double MaxDeviationSeconds { get; init; }

    /// <summary>How far a beat could stray and still count (the relative tolerance, at least the timestamps' resolution).</summary>
    public double ToleranceSeconds { get; init; }

    public int IntervalsAnalysed { get; init; }

    public int IntervalsOnBeat { get; init; }

    /// <summary>Beats that should have been there inside the intervals analysed (a 2× gap is one missed beat).</summary>
    public int MissedBeats { get; init; }

    public required double Confidence { get; init; }

    /// <summary>The intervals in order (back-off: the schedule; bursts: the gaps between bursts), in seconds.</summary>
    public IReadOnlyList<double> Schedule { get; init; } = [];

    public double InitialSeconds { get; init; }

    public double Factor { get; init; }

    /// <summary>Back-off ceiling the intervals stopped at; 0 when they never stopped doubling.</summary>
    public double CapSeconds { get; init; }

    public int BurstSize { get; init; }

    public int Bursts { get; init; }

    /// <summary>The period of the bursts themselves when their starts are evenly spaced; null when they are not.</summary>
    public double? BurstPeriodSeconds { get; init; }
}
