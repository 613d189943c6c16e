namespace Spoor.Detect;

/// <summary>The contract's names for kinds, techniques and protocols (<c>../shared/spec/JSON.md</c>).</summary>
public static class FindingVocabulary
{
    public static string Name(FindingKind kind) => kind switch
    {
        FindingKind.PortScan => "port-scan",
        FindingKind.PortSweep => "port-sweep",
        FindingKind.IcmpSweep => "icmp-sweep",
        FindingKind.DistributedPortScan => "distributed-port-scan",
        FindingKind.DecoyPortScan => "decoy-port-scan",
        FindingKind.CraftedPackets => "crafted-packets",
        FindingKind.SpoofedSource => "spoofed-source",
        FindingKind.Backscatter => "backscatter",
        FindingKind.TrojanProbe => "trojan-probe",
        FindingKind.OsFingerprint => "os-fingerprint",
        FindingKind.ServiceProbe => "service-probe",
        FindingKind.Periodic => "periodic",
        FindingKind.ReverseMapping => "reverse-mapping",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Name(ScanTechnique technique) => technique switch
    {
        ScanTechnique.Syn => "syn",
        ScanTechnique.Connect => "connect",
        ScanTechnique.Fin => "fin",
        ScanTechnique.Null => "null",
        ScanTechnique.Xmas => "xmas",
        ScanTechnique.Ack => "ack",
        ScanTechnique.Window => "window",
        ScanTechnique.Maimon => "maimon",
        ScanTechnique.SynFin => "syn-fin",
        ScanTechnique.FinRstPsh => "fin-rst-psh",
        ScanTechnique.OtherFlags => "other-flags",
        ScanTechnique.Udp => "udp",
        ScanTechnique.IcmpEcho => "icmp-echo",
        ScanTechnique.IcmpTimestamp => "icmp-timestamp",
        ScanTechnique.IcmpAddressMask => "icmp-address-mask",
        ScanTechnique.IpProtocol => "ip-protocol",
        ScanTechnique.Mixed => "mixed",
        _ => throw new ArgumentOutOfRangeException(nameof(technique)),
    };

    public static string Name(FindingProtocol protocol) => protocol switch
    {
        FindingProtocol.Tcp => "tcp",
        FindingProtocol.Udp => "udp",
        FindingProtocol.Icmp => "icmp",
        FindingProtocol.Ip => "ip",
        FindingProtocol.Mixed => "mixed",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    public static string Name(SpoofingVerdict verdict) => verdict switch
    {
        SpoofingVerdict.Genuine => "genuine",
        SpoofingVerdict.Spoofed => "spoofed",
        _ => "unknown",
    };
}
