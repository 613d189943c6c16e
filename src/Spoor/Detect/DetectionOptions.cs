namespace Spoor.Detect;

/// <summary>
/// Thresholds and memory bounds of the detectors, with defaults justified where they are declared.
/// </summary>
public sealed record DetectionOptions
{
    public static DetectionOptions Default { get; } = new();

    /// <summary>
    /// Sources whose state is kept at once. A million sources at a few hundred bytes each stays within a few
    /// hundred megabytes on a laptop; beyond it, sources with no failed contacts are evicted first.
    /// </summary>
    public int MaxSources { get; init; } = 1_000_000;

    /// <summary>Records of evidence quoted per finding.</summary>
    public int EvidencePerFinding { get; init; } = EvidenceSample.DefaultCapacity;

    /// <summary>
    /// Flows (source, protocol, destination port or ICMP type) the periodic detector follows at once. A site's
    /// recurring traffic comes from hundreds to a few thousand pollers, beacons and clients per sensor; 65,536 flows
    /// (a /16's worth) at about 600 bytes each stay under 40 MB. When full, flows seen fewer than
    /// <see cref="PeriodicMinOccurrences"/> times go first, so a flood of one-off sources cannot push out a steady poller.
    /// </summary>
    public int PeriodicMaxFlows { get; init; } = 65_536;

    /// <summary>
    /// Arrival times kept per flow (a ring). 32 covers an hour of a two-minute poller (seed 001 detect 8), a whole
    /// SYN retry schedule (Linux 2.2 retries ten times: 11 sends) and five three-packet bursts (seed 001 detect 6)
    /// in 256 bytes; the median of 31 intervals is settled well before that.
    /// </summary>
    public int PeriodicHistory { get; init; } = 32;

    /// <summary>Occurrences needed before repetition is called periodic: two intervals are the least that can agree on a period.</summary>
    public int PeriodicMinOccurrences { get; init; } = 3;

    /// <summary>
    /// How far an interval may stray from a whole number of periods, as a fraction of the period. Device and cron
    /// timers hold well under 1% (the seed's GE console drifts 10 ms in 120 s, 0.01%); 10% also keeps beacons whose
    /// scheduler wakes late under load, while random traffic rarely lines up three times within it.
    /// </summary>
    public double PeriodicJitterTolerance { get; init; } = 0.10;

    /// <summary>
    /// Missed beats allowed inside one interval: a gap of 2× or 3× the period is still on the beat (a lost packet,
    /// a poll the sensor did not see, seed 001 detect 8's second hex block).
    /// </summary>
    public int PeriodicMaxMissedBeats { get; init; } = 2;

    /// <summary>
    /// Shortest period reported. Below a second, repetition is media streaming, bulk transfer pacing or a flood,
    /// which other detectors own; pollers and beacons work in seconds to hours.
    /// </summary>
    public double PeriodicMinPeriodSeconds { get; init; } = 1.0;

    /// <summary>
    /// Shortest stretch of time a periodic finding must cover. Interactive tools repeat for a few seconds and stop
    /// (ping -c 5 is 4 s, a resolver's retries 5–15 s, NetBT's three name queries 3 s); traffic that keeps coming
    /// back for a minute or more is what an analyst asks about.
    /// </summary>
    public double PeriodicMinSpanSeconds { get; init; } = 60.0;

    /// <summary>
    /// A flow silent this long is closed: its finding, if any, is emitted and its state freed. Four hours lets a
    /// poller on the two-hour schedule the seed 001 detect 6 analyst describes miss one visit and still be followed.
    /// </summary>
    public double PeriodicIdleSeconds { get; init; } = 4 * 3600.0;
}
