using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// A bounded, deterministic sample of the records behind a finding: the first <see cref="Capacity"/> kept
/// in order, and every record counted, so a report can quote the opening frames and say how many more.
/// </summary>
public sealed class EvidenceSample
{
    /// <summary>Enough to quote a probe sequence's start in a report; the total says how many there were.</summary>
    public const int DefaultCapacity = 32;

    /// <summary>Made on the first record: most states that carry a sample (a source's probes, a flow) never get one.</summary>
    private List<EvidenceRef>? _kept;

    public EvidenceSample(int capacity = DefaultCapacity)
    {
        Capacity = capacity;
    }

    public int Capacity { get; }

    public long Total { get; private set; }

    public IReadOnlyList<EvidenceRef> Kept => (IReadOnlyList<EvidenceRef>?)_kept ?? [];

    public void Add(EvidenceRef evidence)
    {
        Total++;
        _kept ??= new List<EvidenceRef>(Math.Min(Capacity, 8));
        if (_kept.Count < Capacity) _kept.Add(evidence);
    }
}
