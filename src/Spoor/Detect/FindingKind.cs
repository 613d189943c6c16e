namespace Spoor.Detect;

/// <summary>What a finding is, in the vocabulary of the <c>spoor/1</c> contract (<c>../shared/spec/JSON.md</c>).</summary>
public enum FindingKind
{
    PortScan,
    PortSweep,
    IcmpSweep,
    DistributedPortScan,
    DecoyPortScan,
    CraftedPackets,
    SpoofedSource,
    Backscatter,
    TrojanProbe,
    OsFingerprint,
    ServiceProbe,
    Periodic,
    ReverseMapping,
}
