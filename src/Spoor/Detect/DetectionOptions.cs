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
    /// (target, port) contacts kept per source: a full 65,535-port scan of one host, or a /16 sweep, fits
    /// (about 3 MB); beyond it ports are still counted, but targets and order are not.
    /// </summary>
    public int ScanMaxContactsPerSource { get; init; } = 65_536;

    /// <summary>
    /// How long a probe may go unanswered before silence counts as a failed contact (only for sources the capture
    /// shows replies to). 3 s was TCP's initial retransmission timeout (RFC 1122, RFC 2988), three times nmap's
    /// default initial RTT timeout (1 s): a live stack's answer that is later than this is lost for the prober too.
    /// </summary>
    public TimeSpan ScanReplyTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>TRW θ0, the probability a benign source's first contact succeeds (Jung et al. 2004).</summary>
    public double ScanBenignSuccess { get; init; } = 0.8;

    /// <summary>TRW θ1, the probability a scanner's first contact succeeds (Jung et al. 2004).</summary>
    public double ScanScannerSuccess { get; init; } = 0.2;

    /// <summary>TRW α, the false-positive rate the thresholds are set for (Jung et al. 2004: 0.01).</summary>
    public double ScanFalsePositive { get; init; } = 0.01;

    /// <summary>TRW β, the detection probability (Jung et al. 2004: 0.99); with θ0, θ1 above, 4 net failures call a scanner.</summary>
    public double ScanDetection { get; init; } = 0.99;

    /// <summary>
    /// Distinct ports on one target that make a port scan where failures cannot be seen (one-direction logs):
    /// Snort sfPortscan's low-sensitivity port-scan threshold (5 ports).
    /// </summary>
    public int ScanMinPorts { get; init; } = 5;

    /// <summary>Distinct targets on the same port(s) that make a sweep where failures cannot be seen: sfPortscan's port-sweep threshold (5 hosts).</summary>
    public int ScanMinTargets { get; init; } = 5;

    /// <summary>
    /// Distinct contacts, every one refused by a firewall (deny, drop, reject), that make a scan or sweep of
    /// lower confidence: three refused first contacts put the TRW ratio at 64, short of η1 = 99 but 64 times
    /// likelier from a scanner than a client.
    /// </summary>
    public int ScanMinRefusedContacts { get; init; } = 3;

    /// <summary>Distinct first contacts a technique needs before a TRW-called scanner's technique is reported (one stray packet is not a scan).</summary>
    public int ScanMinContactsForWalk { get; init; } = 3;

    /// <summary>
    /// Distinct IP protocols sent to one host that make an IP protocol scan (nmap -sO): ordinary hosts speak TCP,
    /// UDP, ICMP and at most a tunnel or two (GRE, ESP, IPv6-in-IPv4: the netfilter samples of prelude-lml show
    /// five between two hosts), so six is beyond any ordinary mix.
    /// </summary>
    public int ScanMinIpProtocols { get; init; } = 6;

    /// <summary>
    /// Idle time after which a source with no failed, refused or alerted contact is closed: a day covers nmap -T0's
    /// five-minute spacing and hourly probes.
    /// </summary>
    public TimeSpan ScanIdleBenign { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Idle time after which a source with failed, refused or alerted contacts is closed: 45 days holds a month-long slow scan (seed 003's
    /// UDP scan from port 53 ran 24 May to 23 June) in one episode.
    /// </summary>
    public TimeSpan ScanIdleWithFailures { get; init; } = TimeSpan.FromDays(45);

    /// <summary>Targets listed in one finding (ascending); the full count goes in <c>attributes.targets_total</c>.</summary>
    public int ScanMaxTargetsListed { get; init; } = 1024;

    /// <summary>Common targets two sweeps of one source need before their orders are compared.</summary>
    public int ScanSameOrderMinTargets { get; init; } = 5;

    /// <summary>Share of the common targets visited in the same relative order (longest common subsequence) that links two sweeps.</summary>
    public double ScanSameOrderAgreement { get; init; } = 0.9;

    /// <summary>
    /// Reported sweeps remembered (target order, up to a few thousand targets each) so a later sweep of the same
    /// source can be linked to them across days: a few thousand covers every sweep of a busy month's log.
    /// </summary>
    public int ScanRememberedSweeps { get; init; } = 4096;
}
