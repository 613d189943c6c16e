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
}
