using System.Text.Json.Nodes;
using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>One scan, sweep or ICMP sweep of one source, measured and decided, before decoys are grouped and findings made.</summary>
public sealed class ScanCandidate
{
    public required HostAddress Source { get; init; }

    public required FindingKind Kind { get; init; }

    public required ScanTechnique? Technique { get; init; }

    public required FindingProtocol Protocol { get; init; }

    /// <summary>Distinct targets in the order they were first probed.</summary>
    public required List<HostAddress> TargetOrder { get; init; }

    public required PortSet Ports { get; init; }

    public required long Packets { get; init; }

    public required Timestamp FirstSeen { get; init; }

    public required Timestamp LastSeen { get; init; }

    public required List<EvidenceRef> Evidence { get; init; }

    public required double Confidence { get; init; }

    /// <summary>Contacts whose answer the source itself reset or acknowledged: it saw the replies, so it is a real sender.</summary>
    public required int Answered { get; init; }

    public required JsonObject Attributes { get; init; }

    /// <summary>False for a share too small to report alone, kept only to be matched into a distributed scan.</summary>
    public bool Qualified { get; init; } = true;
}
