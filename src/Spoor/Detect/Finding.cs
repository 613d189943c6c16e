using System.Text.Json.Nodes;
using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// One conclusion a detector reached, with the facts it measured and the records behind it, as the
/// <c>spoor/1</c> contract describes a finding. <see cref="Attributes"/> holds the kind-specific facts
/// (decoys, victims, period, invariant fields, the method that decided, …) under snake_case names.
/// </summary>
public sealed record Finding
{
    public required FindingKind Kind { get; init; }

    public ScanTechnique? Technique { get; init; }

    public required FindingProtocol Protocol { get; init; }

    /// <summary>Apparent sources as seen on the wire or in the log, ascending.</summary>
    public required IReadOnlyList<HostAddress> Sources { get; init; }

    public required IReadOnlyList<HostAddress> Targets { get; init; }

    /// <summary>Distinct ports probed: the total and the lowest 256, ascending.</summary>
    public int PortCount { get; init; }

    public IReadOnlyList<int> Ports { get; init; } = [];

    public required Timestamp FirstSeen { get; init; }

    public required Timestamp LastSeen { get; init; }

    public required long Packets { get; init; }

    /// <summary>0–1: how sure the detector is that the finding is what its kind says.</summary>
    public required double Confidence { get; init; }

    /// <summary>Best identification of the generating tool (<c>nmap</c>, <c>libnet</c>, …), or null.</summary>
    public string? Tool { get; init; }

    public SpoofingAssessment Spoofing { get; init; } = SpoofingAssessment.Unknown;

    public Origin? Origin { get; init; }

    public required IReadOnlyList<EvidenceRef> Evidence { get; init; }

    public required long EvidenceTotal { get; init; }

    public JsonObject Attributes { get; init; } = [];

    /// <summary>The detector that reached the finding (for tracing; not part of the contract's core).</summary>
    public required string Detector { get; init; }
}
