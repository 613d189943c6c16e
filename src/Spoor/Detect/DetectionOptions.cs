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
    /// Sources whose probe headers the crafted-packet detector keeps at once (about 150 bytes for a source seen
    /// once, a few hundred once it probes again, 8 KiB more for a source with evidence): 262,144 stays under 100 MB
    /// for ordinary sources; beyond it, sources with no evidence are dropped first.
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

    /// <summary>
    /// TCP connections whose handshake the detection engine follows at once, so segments of established connections
    /// are passed over cheaply (<see cref="ConnectionTracker"/>). 262,144 at 16 bytes each is 4 MiB, and holds every
    /// connection a busy /16 keeps open; past it the oldest are forgotten and their segments merely read the slow way.
    /// 0 turns the shortcut off (findings are the same, only slower: a test holds the two to each other).
    /// </summary>
    public int MaxTrackedConnections { get; init; } = 262_144;

    /// <summary>
    /// Probe-shaped SMTP sessions (see <see cref="SmtpMaxProbeClientBytes"/>, <see cref="SmtpMinProbeCommands"/>)
    /// from one client that make relay testing. Five: the seed 003 detect 5 relay tester held nine such sessions in
    /// nine minutes (thirteen in all), while a client with a reason to hold an envelope-only session (an MTA's
    /// sender-verification callout, a user's address check) holds one or two per address it checks, and Snort
    /// sfPortscan also calls five the least that makes a pattern (its port-sweep threshold).
    /// </summary>
    public int SmtpMinProbeSessions { get; init; } = 5;

    /// <summary>
    /// Most client payload bytes an SMTP session may carry and still be a probe. A relay test sends HELO, MAIL FROM,
    /// one or a few RCPT TO and QUIT: the seed 003 detect 5 sessions carried 53–127 client bytes. A session that
    /// delivers a message also sends DATA and a header section (RFC 5322 requires Date and From; MTAs add Received
    /// and Message-ID), which is several hundred bytes before any body. 512 is also RFC 5321's limit for one command
    /// line (4.5.3.1.4), so a session with room for a handful of commands stays under it.
    /// </summary>
    public int SmtpMaxProbeClientBytes { get; init; } = 512;

    /// <summary>
    /// Client segments carrying data an SMTP session needs to count as a relay probe rather than a liveness check.
    /// A client that waits for each reply (no PIPELINING: relay testers and smtplib-style tools) sends one segment
    /// per command, and a relay test needs at least three (HELO, MAIL FROM, RCPT TO); a monitor such as Nagios
    /// check_smtp says only HELO and QUIT (two). Seed 003 detect 5: nine of its eleven sessions with data sent three.
    /// </summary>
    public int SmtpMinProbeCommands { get; init; } = 3;

    /// <summary>
    /// Longest an SMTP session may last and still be a probe. A probe is a few round trips, but servers may hold
    /// the greeting back: seed 003 detect 5's sendmail waited 30 s (an ident lookup timing out) before every 220,
    /// and postscreen or greet_pause delays are seconds to tens of seconds. Two minutes covers that with margin,
    /// and is still shorter than RFC 5321's five-minute command timeouts (4.5.3.2) that a stalled real session runs into.
    /// </summary>
    public TimeSpan SmtpMaxProbeDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// An SMTP session silent this long is finished and folded into its client's counts: RFC 5321's server
    /// timeout while waiting for a command is five minutes (4.5.3.2), after which the server has given up too.
    /// </summary>
    public TimeSpan SmtpSessionIdle { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// SMTP sessions followed at once (about 160 bytes each with the table's overhead, so 10 MB): a busy mail hub holds a few thousand
    /// concurrent sessions (Postfix's default process limit is 100 per service). When full, idle sessions are
    /// finished first, then all of them, with the loss counted.
    /// </summary>
    public int SmtpMaxSessions { get; init; } = 65_536;

    /// <summary>
    /// Servers and byte counts of probe sessions kept per client for the finding's list and medians; counts go on
    /// beyond it. 256 matches the contract's list of ports and keeps a client's state near 6 KB.
    /// </summary>
    public int SmtpSessionSample { get; init; } = 256;

    /// <summary>
    /// (target, port) contacts the scan detector holds for all sources together. A contact costs about 110 bytes (and
    /// 50 more once its source has enough to be indexed), so 2,097,152 stay near 300 MB: every port of 32 hosts, a
    /// sweep of a /11, or a million sources' first two probes. Past it the least suspect, longest idle sources are
    /// closed: dropped when nothing they did failed, reported with what they did so far when something did.
    /// </summary>
    public int ScanMaxContacts { get; init; } = 2_097_152;
}
