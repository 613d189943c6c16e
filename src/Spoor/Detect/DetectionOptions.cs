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
    /// Distinct ports outside the backdoor or service table that a source may probe and still be probing
    /// those services in a targeted way; beyond it the source is port scanning, which the scan detectors
    /// report. Four sits between what the data shows: the busiest targeted prober in the seeds touched two ports
    /// (seed 001 detect 1, 208.61.109.243: 1243 and 27347), and the smallest port scan among the real-tool
    /// fixtures probes five (nmap-slow-T1, tests/data/fixtures/truth.json).
    /// </summary>
    public int MaxPortsForTargetedProbe { get; init; } = 4;

    /// <summary>
    /// UDP flows remembered to tell a reply from a probe. 262,144 flows at about 64 bytes each is 16 MiB, and
    /// holds every flow of a busy /16 for the two-minute reply window.
    /// </summary>
    public int MaxRecentFlows { get; init; } = 262_144;

    /// <summary>
    /// Sources whose probe headers the crafted-packet detector keeps at once (a few hundred bytes each, 8 KiB
    /// more for a source with evidence): 262,144 stays near 100 MB for ordinary sources; beyond it, sources
    /// with no evidence are dropped first.
    /// </summary>
    public int MaxCraftedSources { get; init; } = 262_144;

    /// <summary>
    /// A source silent this long has finished its probe run: its crafted-packet finding is emitted and its
    /// state freed. One hour: a crafting tool's run comes in a burst (seed 002's 1024 probes took 14 s), and
    /// even nmap -T1 sends a probe every 15 s.
    /// </summary>
    public TimeSpan CraftedIdleTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Matches of a one-value tool fingerprint (a window, a computed IP ID) needed before the tool is named:
    /// masscan's IP ID rule matches a random packet once in 65,536, so three matches rule out chance.
    /// </summary>
    public int MinToolMatches { get; init; } = 3;

    /// <summary>Distinct OS-detection probes from one source to one target that make a fingerprinting run: see <see cref="OsFingerprintDetector"/>.</summary>
    public int MinOsProbes { get; init; } = 3;
}
