using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// Turns closed source states into findings: decides per technique whether the contacts make a scan, a sweep
/// or nothing (the walk, or the counts, or refusals), splits a sweep whose ports were swept one after another,
/// folds lockstep scans of several sources into one decoy scan, and links sweeps of one source that visit
/// targets in the same order. Runs only when sources close, so it may allocate.
/// </summary>
public sealed class ScanReporter
{
    private const string DetectorName = "scan";

    /// <summary>Confidence when the walk called the source a scanner: β of the test is 0.99; kept below it for the kind and technique read from the probes.</summary>
    private const double WalkConfidence = 0.95;

    /// <summary>Confidence of a count past sfPortscan's thresholds without seen failures: counts alone cannot tell a scanner from a busy client.</summary>
    private const double CountConfidence = 0.8;

    /// <summary>Confidence of a few refused contacts (walk ratio 64 at three): likely, not certain.</summary>
    private const double RefusedConfidence = 0.6;

    /// <summary>Confidence of a decoy scan whose real sender the data shows, and of one whose real sender it does not.</summary>
    private const double DecoyWithOriginConfidence = 0.9;

    private const double DecoyWithoutOriginConfidence = 0.6;

    /// <summary>Confidence of a distributed scan read from disjoint port shares: a fit, not a proof of one actor.</summary>
    private const double DistributedConfidence = 0.6;

    /// <summary>Share of the larger port set two sources must share to be probing "the same ports" (nmap -D sends every probe from every decoy).</summary>
    private const double LockstepPortOverlap = 0.8;

    /// <summary>Targets compared for same order: the longest-common-subsequence table is this squared.</summary>
    private const int OrderCompareLimit = 2048;

    private readonly DetectionOptions _options;
    private readonly ThresholdRandomWalk _walk;
    private DecideScratch _scratch = new();

    // Measure's per-source tables, kept between sources (a closing batch holds many thousand).
    private byte[] _buckets = new byte[64];
    private readonly int[] _perBucket = new int[ScanBuckets.Count];
    private readonly List<int> _group = [];

    /// <summary>Sweeps already reported, by source, so a sweep reported days later can still be linked to them.</summary>
    private readonly Dictionary<HostAddress, List<ScanCandidate>> _pastSweeps = [];
    private readonly Queue<ScanCandidate> _pastOrder = new();

    public ScanReporter(DetectionOptions options, ThresholdRandomWalk walk)
    {
        _options = options;
        _walk = walk;
    }

    /// <summary>Remembered sweeps dropped to stay within <see cref="DetectionOptions.ScanRememberedSweeps"/>.</summary>
    public long Forgotten { get; private set; }

    public void Report(IReadOnlyList<ScanSourceState> states, IFindingSink sink)
    {
        var candidates = new List<ScanCandidate>();
        var shares = new List<ScanCandidate>();
        foreach (var state in states) Measure(state, candidates, shares);
        var findings = new List<Finding>();
        GroupDecoys(candidates, findings);
        GroupDistributed(candidates, shares, findings);
        LinkSameOrder(candidates);
        LinkToPastSweeps(candidates);
        foreach (var c in candidates)
        {
            findings.Add(ToFinding(c));

            // Remembered sweeps keep only the head of their order: the comparison reads no further.
            if (c.TargetOrder.Count > OrderCompareLimit) c.TargetOrder.RemoveRange(OrderCompareLimit, c.TargetOrder.Count - OrderCompareLimit);
        }

        foreach (var f in findings) sink.Add(f);
    }

    /// <summary>
    /// False for a source that cannot make a finding: no contact, or one contact and no verdict of the walk, below
    /// every threshold (Decide would say so after building its tables). Most sources of any capture are these: a
    /// client's one connection, one stray probe.
    /// </summary>
    public static bool MayReport(ScanSourceState state) =>
        state.ContactCount > 1 || (state.ContactCount == 1 && (state.CalledScanner || state.DroppedPorts is not null));

    private void Measure(ScanSourceState state, List<ScanCandidate> candidates, List<ScanCandidate> shares)
    {
        if (!MayReport(state)) return;

        // A source the walk found benign and never called a scanner can only be reported for a group its sensor refused
        // enough of (see Decide), an ICMP sweep, or a protocol scan: with too few refusals and only TCP and UDP contacts
        // it is none of them, and its contacts are not gone through (most sources held at the end are such clients).
        if (!state.CalledScanner && WalkFoundBenign(state) && state.RefusedContacts < _options.ScanMinRefusedContacts
            && state.OtherProtocolContacts == 0 && _options.ScanMinIpProtocols > 2) return;
        var contacts = state.Contacts;

        if (_buckets.Length < contacts.Length) _buckets = new byte[Math.Max(contacts.Length, _buckets.Length * 2)];
        var buckets = _buckets.AsSpan(0, contacts.Length);
        var perBucket = _perBucket;
        Array.Clear(perBucket);
        for (var i = 0; i < contacts.Length; i++)
        {
            buckets[i] = contacts[i].Bucket;
            perBucket[buckets[i]]++;
        }

        // A log without flags (ipchains, securityalert) beside one that has them: the unflagged TCP probes are
        // most likely the same technique when the source used only one.
        var knownTcp = -1;
        var tcpKinds = 0;
        for (var b = 0; b < ScanBuckets.TcpUnknownFlags; b++)
        {
            if (perBucket[b] == 0 || !IsTcp((ScanTechnique)b)) continue;
            tcpKinds++;
            knownTcp = b;
        }

        if (tcpKinds == 1 && perBucket[ScanBuckets.TcpUnknownFlags] > 0)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                if (buckets[i] == ScanBuckets.TcpUnknownFlags) buckets[i] = (byte)knownTcp;
            }

            perBucket[knownTcp] += perBucket[ScanBuckets.TcpUnknownFlags];
            perBucket[ScanBuckets.TcpUnknownFlags] = 0;
        }

        MeasureIpProtocols(state, candidates);

        for (var b = 0; b < ScanBuckets.Count; b++)
        {
            if (perBucket[b] == 0 || b == ScanBuckets.Of(ScanTechnique.IpProtocol)) continue;
            var group = _group;
            group.Clear();
            for (var i = 0; i < buckets.Length; i++)
            {
                if (buckets[i] == b) group.Add(i);
            }

            var candidate = Decide(state, (byte)b, group);
            if (candidate is null) continue;
            if (!candidate.Qualified)
            {
                shares.Add(candidate);
                continue;
            }

            if (candidate.Kind == FindingKind.PortSweep && candidate.Ports.Count > 1 && SplitByPort(state, (byte)b, group, candidates)) continue;
            candidates.Add(candidate);
        }
    }

    /// <summary>
    /// A sweep of several ports run one port after another (the whole target list for one port, then for the next)
    /// is several sweeps: seed 001's 5556 and POP3 sweeps from one source are two scans, run at different times.
    /// </summary>
    private bool SplitByPort(ScanSourceState state, byte bucket, List<int> group, List<ScanCandidate> candidates)
    {
        var byPort = new SortedDictionary<ushort, List<int>>();
        foreach (var i in group)
        {
            var port = state.Contacts[i].Key.Port;
            if (!byPort.TryGetValue(port, out var list)) byPort.Add(port, list = []);
            list.Add(i);
        }

        var runs = byPort.Values.ToList();
        runs.Sort((a, b) => state.Contacts[a[0]].First.UnixNanoseconds.CompareTo(state.Contacts[b[0]].First.UnixNanoseconds));
        for (var r = 1; r < runs.Count; r++)
        {
            if (state.Contacts[runs[r][0]].First.UnixNanoseconds <= LastOf(state, runs[r - 1])) return false;
        }

        var split = new List<ScanCandidate>();
        foreach (var run in runs)
        {
            var candidate = Decide(state, bucket, run);
            if (candidate is null || !candidate.Qualified || candidate.Kind != FindingKind.PortSweep) return false;
            split.Add(candidate);
        }

        candidates.AddRange(split);
        return true;
    }

    private static long LastOf(ScanSourceState state, List<int> run)
    {
        var last = long.MinValue;
        foreach (var i in run) last = Math.Max(last, state.Contacts[i].LastNanoseconds);
        return last;
    }

    private ScanCandidate? Decide(ScanSourceState state, byte bucket, List<int> group)
    {
        var technique = ScanBuckets.Technique(bucket);
        var isIcmp = technique is ScanTechnique.IcmpEcho or ScanTechnique.IcmpTimestamp or ScanTechnique.IcmpAddressMask;

        // A source the walk found benign (its contacts mostly succeed) and never called a scanner can only be reported
        // below for a group its sensor refused whole, so one with fewer refused contacts than that needs is passed
        // before any counting: at the stream's end most sources held are such clients, with dozens of contacts each.
        if (!isIcmp && !state.CalledScanner && WalkFoundBenign(state))
        {
            var refusedContacts = 0;
            foreach (var i in group)
            {
                if (state.Contacts[i].Refused) refusedContacts++;
            }

            if (refusedContacts < _options.ScanMinRefusedContacts) return null;
        }

        // Counted in tables kept between calls: most groups decide nothing, and a closing batch holds many thousand.
        var scratch = _scratch = _scratch.Reset();
        var targets = scratch.Targets;
        var seenTargets = scratch.SeenTargets;
        var portsPerTarget = scratch.PortsPerTarget;
        var targetsPerPort = scratch.TargetsPerPort;
        var unacceptedTargetsPerPort = scratch.UnacceptedTargetsPerPort;
        // Distinct ports gathered in a small set first: most sources never become a candidate, and a PortSet is 8 KiB.
        var portList = scratch.Ports;
        var seenPairs = scratch.Pairs;
        long packets = 0;
        int refused = 0, silent = 0, successes = 0, failures = 0, synAcks = 0, halfOpen = 0, completed = 0, answered = 0, sensorAccepted = 0;
        var first = state.Contacts[group[0]].First;
        var last = first.UnixNanoseconds;
        var evidence = scratch.Evidence;
        foreach (var i in group)
        {
            var c = state.Contacts[i];
            if (seenTargets.Add(c.Key.Target)) targets.Add(c.Key.Target);
            if (seenPairs.Add((c.Key.Target, c.Key.Port)))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(portsPerTarget, c.Key.Target, out _)++;
                CollectionsMarshal.GetValueRefOrAddDefault(targetsPerPort, c.Key.Port, out _)++;
                if (!isIcmp) portList.Add(c.Key.Port);
                if (c.SensorAccepted) sensorAccepted++;
                else if (c.Outcome != ScanContactOutcome.Success) CollectionsMarshal.GetValueRefOrAddDefault(unacceptedTargetsPerPort, c.Key.Port, out _)++;
            }

            packets += c.Packets;
            if (c.First.UnixNanoseconds < first.UnixNanoseconds) first = c.First;
            last = Math.Max(last, c.LastNanoseconds);
            if (evidence.Count < _options.EvidencePerFinding) evidence.Add(c.Evidence);
            if (c.Refused) refused++;
            if (c.Silent) silent++;
            if (c.Outcome == ScanContactOutcome.Success) successes++;
            if (c.Outcome == ScanContactOutcome.Failure) failures++;
            if (c.SynAckSeen) synAcks++;
            if (c.SourceAcked) completed++;
            else if (c.SourceReset && c.SynAckSeen) halfOpen++;
            if (c.SourceAcked || c.SourceReset) answered++;
        }

        var mayQualify = state.CalledScanner || state.DroppedPorts is not null
            || portList.Count >= Math.Min(_options.ScanMinPorts, _options.ScanMinRefusedContacts)
            || targets.Count >= Math.Min(_options.ScanMinTargets, _options.ScanMinRefusedContacts)
            || (portList.Count >= 2 && targets.Count == 1);
        if (!mayQualify)
        {
            // Below every threshold (count, refusal, walk, share): no candidate, no port set.
            return null;
        }

        var maxPorts = 0;
        foreach (var (_, n) in portsPerTarget) maxPorts = Math.Max(maxPorts, n);

        // A sweep visits the same port on many targets (sfPortscan's port sweep): different random ports on
        // different hosts are neither a sweep nor a scan of any one host.
        var maxTargets = 0;
        foreach (var (_, n) in targetsPerPort) maxTargets = Math.Max(maxTargets, n);
        var contacts = seenPairs.Count;

        // Where the capture shows the targets' answers, the count of targets per port that stands in for the walk is
        // of the contacts the targets did not accept (refused, unanswered, not yet answered): clients use one service
        // on many servers (web, mail, resolvers), so twenty web servers browsed before three refused connections are
        // not a port-80 sweep. Where only a sensor's log of one direction shows them, contacts the sensor accepted
        // are likewise left out (a firewall logging the new connections it lets through logs every client's
        // browsing): the count is of refused contacts and of those whose fate the log does not tell, as Snort's
        // sfPortscan counts only refusals at its low sensitivity and psad only what the firewall dropped. Many ports
        // of one host are unusual for a client whether or not they answer (a UDP scan meets open services), so that
        // count stays whole. ICMP requests count answered or not (below).
        var countedTargets = maxTargets;
        if ((state.SawReplies || sensorAccepted > 0) && !isIcmp)
        {
            countedTargets = 0;
            foreach (var (_, n) in unacceptedTargetsPerPort) countedTargets = Math.Max(countedTargets, n);
        }

        // Where the walk has judged the source benign (its contacts mostly succeed), counts alone do not overrule
        // it: a client of five web servers is not a sweep. ICMP requests are the exception: no ordinary client
        // pings, timestamps or mask-requests five hosts, answered or not (a monitoring station does, hence the
        // confidence of a count).
        var walkBenign = !isIcmp && WalkFoundBenign(state);
        string method;
        double confidence;
        if (state.CalledScanner && contacts >= _options.ScanMinContactsForWalk)
        {
            method = "trw";
            confidence = WalkConfidence;
        }
        else if (!walkBenign && (maxPorts >= _options.ScanMinPorts || countedTargets >= _options.ScanMinTargets))
        {
            method = "window-count";
            confidence = CountConfidence;
        }
        else if (refused == contacts && contacts >= _options.ScanMinRefusedContacts
                 && (maxPorts >= _options.ScanMinRefusedContacts || maxTargets >= _options.ScanMinRefusedContacts))
        {
            method = "window-count";
            confidence = RefusedConfidence;
        }
        else if (!walkBenign && successes == 0 && targets.Count == 1 && maxPorts >= 2 && !isIcmp)
        {
            // Too small to call alone, but one share of a scan several sources may have divided among them.
            method = "share";
            confidence = 0;
        }
        else
        {
            return null;
        }

        // Built only now: most groups that got this far are a benign client's, and a PortSet is 8 KiB.
        var ports = new PortSet();
        if (state.DroppedPorts is not null && !isIcmp) ports.UnionWith(state.DroppedPorts);
        foreach (var port in portList) ports.Add(port);

        // The same few ports across several targets is a sweep (seed 003's www and socks on every host that
        // answered a ping); more ports than targets is a scan of those targets.
        FindingKind kind;
        if (isIcmp) kind = FindingKind.IcmpSweep;
        else if (maxTargets >= 2 && ports.Count <= targets.Count) kind = FindingKind.PortSweep;
        else kind = FindingKind.PortScan;
        if (isIcmp && targets.Count < 2) return null;

        var attributes = new JsonObject
        {
            ["method"] = method,
            ["distinct_targets"] = targets.Count,
            ["distinct_ports"] = isIcmp ? 0 : ports.Count,
            ["max_ports_per_target"] = isIcmp ? 0 : maxPorts,
            ["max_targets_per_port"] = maxTargets,
            ["duration_seconds"] = Math.Round((last - first.UnixNanoseconds) / (double)Timestamp.NanosecondsPerSecond, 6),
            ["trw"] = new JsonObject
            {
                ["successes"] = successes,
                ["failures"] = failures,
                ["failures_by_silence"] = silent,
                ["failures_by_sensor"] = refused,
                // The ratio itself overflows a double after a few hundred failures (a /20 sweep): its decimal logarithm does not.
                ["source_log10_likelihood_ratio"] = Math.Round(state.LogRatio / Math.Log(10), 4),
                ["source_called_scanner"] = state.CalledScanner,
                ["eta1"] = Math.Round(Math.Exp(_walk.ScannerThreshold), 4),
                ["replies_seen"] = state.SawReplies,
            },
        };
        if (method == "window-count")
        {
            attributes["window"] = "episode";
            attributes["thresholds"] = confidence == RefusedConfidence
                ? new JsonObject { ["refused_contacts"] = _options.ScanMinRefusedContacts }
                : new JsonObject { ["ports_per_target"] = _options.ScanMinPorts, ["targets"] = _options.ScanMinTargets };
        }

        if (state.DroppedContacts > 0) attributes["contacts_not_kept"] = state.DroppedContacts;

        if (technique == ScanTechnique.Syn)
        {
            attributes["syn_ack_replies"] = synAcks;
            attributes["half_open"] = halfOpen;
            attributes["completed_handshakes"] = completed;
            // A connect scan completes every handshake it is offered and tears it down; a SYN scan's kernel resets.
            if (completed > 0 && completed >= halfOpen) technique = ScanTechnique.Connect;
        }
        else if (technique == ScanTechnique.Ack)
        {
            attributes["rst_replies"] = state.AckRsts;
            attributes["rst_replies_nonzero_window"] = state.AckRstsNonZeroWindow;
            if (state.AckRstsNonZeroWindow > 0)
            {
                technique = ScanTechnique.Window;
            }
            else
            {
                // nmap -sA and -sW send the same bare ACKs; only a target whose RSTs carry different windows
                // would show which one the scanner read.
                attributes["window_scan_indistinguishable"] = true;
            }
        }

        return new ScanCandidate
        {
            Source = state.Source,
            Kind = kind,
            Technique = technique,
            Protocol = ProtocolOf(technique),
            TargetOrder = [.. targets],
            Ports = ports,
            Packets = packets,
            FirstSeen = first,
            LastSeen = LastTimestamp(state, group, last),
            Evidence = [.. evidence],
            Confidence = confidence,
            Answered = answered,
            Attributes = attributes,
            Qualified = method != "share",
        };
    }

    /// <summary>The walk has judged the source benign: it has successes and its likelihood ratio is at or below the benign threshold.</summary>
    private bool WalkFoundBenign(ScanSourceState state) => state.Successes > 0 && state.LogRatio <= _walk.BenignThreshold + 1e-9;

    private static Timestamp LastTimestamp(ScanSourceState state, List<int> group, long last)
    {
        var digits = state.Contacts[group[0]].First.FractionDigits;
        return new Timestamp(last, digits);
    }

    /// <summary>An IP protocol scan (nmap -sO): one target sent many distinct IP protocols.</summary>
    private void MeasureIpProtocols(ScanSourceState state, List<ScanCandidate> candidates)
    {
        // A source that used fewer protocols in all than one target needs is no protocol scan: most sources speak
        // TCP, UDP and ICMP at most, and are passed without building a set per target.
        Span<ulong> used = stackalloc ulong[4];
        var distinct = 0;
        foreach (var c in state.Contacts)
        {
            ref var word = ref used[c.Key.Protocol >> 6];
            var bit = 1UL << (c.Key.Protocol & 63);
            if ((word & bit) != 0) continue;
            word |= bit;
            distinct++;
        }

        if (distinct < _options.ScanMinIpProtocols) return;

        var protocols = new Dictionary<HostAddress, SortedSet<int>>();
        foreach (var c in state.Contacts)
        {
            if (!protocols.TryGetValue(c.Key.Target, out var set)) protocols.Add(c.Key.Target, set = []);
            set.Add(c.Key.Protocol);
        }

        var targets = new List<HostAddress>();
        var all = new SortedSet<int>();
        foreach (var (target, set) in protocols)
        {
            if (set.Count < _options.ScanMinIpProtocols) continue;
            targets.Add(target);
            all.UnionWith(set);
        }

        if (targets.Count == 0) return;
        var inScan = new HashSet<HostAddress>(targets);
        long packets = 0;
        Timestamp first = default;
        var last = long.MinValue;
        var evidence = new List<EvidenceRef>();
        foreach (var c in state.Contacts)
        {
            if (!inScan.Contains(c.Key.Target)) continue;
            if (packets == 0 || c.First.UnixNanoseconds < first.UnixNanoseconds) first = c.First;
            packets += c.Packets;
            last = Math.Max(last, c.LastNanoseconds);
            if (evidence.Count < _options.EvidencePerFinding) evidence.Add(c.Evidence);
        }

        var list = new JsonArray();
        foreach (var p in all) list.Add(p);
        candidates.Add(new ScanCandidate
        {
            Source = state.Source,
            Kind = FindingKind.PortScan,
            Technique = ScanTechnique.IpProtocol,
            Protocol = FindingProtocol.Ip,
            TargetOrder = targets,
            Ports = new PortSet(),
            Packets = packets,
            FirstSeen = first,
            LastSeen = new Timestamp(last, first.FractionDigits),
            Evidence = evidence,
            Confidence = CountConfidence,
            Answered = 0,
            Attributes = new JsonObject
            {
                ["method"] = "window-count",
                ["protocols"] = list,
                ["distinct_protocols"] = all.Count,
                ["thresholds"] = new JsonObject { ["ip_protocols"] = _options.ScanMinIpProtocols },
            },
        });
    }

    /// <summary>
    /// nmap -D: several sources probe the same ports of the same targets in the same moments. The real one is the
    /// source that answers the targets' replies (its kernel resets the SYN-ACKs, or completes handshakes);
    /// forged decoys never see the replies and never answer.
    /// </summary>
    private void GroupDecoys(List<ScanCandidate> candidates, List<Finding> findings)
    {
        // Only candidates with the same kind, technique and target set can be in lockstep: compare within those
        // groups (in time order, stopping at the first that starts after the seed ends), never all pairs.
        var groups = new Dictionary<(FindingKind, ScanTechnique?, FindingProtocol, int, HostAddress, HostAddress), List<ScanCandidate>>();
        foreach (var c in candidates)
        {
            if (c.Kind == FindingKind.IcmpSweep || c.TargetOrder.Count == 0) continue;
            var low = c.TargetOrder[0];
            var high = c.TargetOrder[0];
            foreach (var t in c.TargetOrder)
            {
                if (t < low) low = t;
                if (t > high) high = t;
            }

            var key = (c.Kind, c.Technique, c.Protocol, c.TargetOrder.Count, low, high);
            if (!groups.TryGetValue(key, out var list)) groups.Add(key, list = []);
            list.Add(c);
        }

        var used = new HashSet<ScanCandidate>();
        foreach (var (_, list) in groups)
        {
            if (list.Count < 2) continue;
            list.Sort(ByFirstSeen);
            for (var i = 0; i < list.Count; i++)
            {
                if (used.Contains(list[i])) continue;
                var members = new List<ScanCandidate> { list[i] };
                for (var j = i + 1; j < list.Count && list[j].FirstSeen.UnixNanoseconds <= list[i].LastSeen.UnixNanoseconds; j++)
                {
                    if (used.Contains(list[j]) || !InLockstep(list[i], list[j])) continue;
                    if (members.Exists(m => m.Source == list[j].Source)) continue;
                    members.Add(list[j]);
                }

                if (members.Count < 2) continue;
                foreach (var m in members) used.Add(m);
                findings.Add(DecoyFinding(members));
            }
        }

        candidates.RemoveAll(used.Contains);
    }

    private static int ByFirstSeen(ScanCandidate a, ScanCandidate b) => a.FirstSeen.UnixNanoseconds != b.FirstSeen.UnixNanoseconds
        ? a.FirstSeen.UnixNanoseconds.CompareTo(b.FirstSeen.UnixNanoseconds)
        : a.Source.CompareTo(b.Source);

    /// <summary>
    /// Several sources that divide one target's ports among them: each probes its own ports (the sets are
    /// disjoint), in the same period, with the same technique, and together they cover at least a scan's worth.
    /// Lockstep scans (the same ports from every source) are decoys, handled before this.
    /// </summary>
    private void GroupDistributed(List<ScanCandidate> candidates, List<ScanCandidate> shares, List<Finding> findings)
    {
        var pool = new List<ScanCandidate>();
        foreach (var c in candidates)
        {
            if (c.Kind == FindingKind.PortScan && c.TargetOrder.Count == 1 && c.Technique != ScanTechnique.IpProtocol) pool.Add(c);
        }

        pool.AddRange(shares);
        var groups = new Dictionary<(ScanTechnique?, HostAddress), List<ScanCandidate>>();
        foreach (var c in pool)
        {
            var key = (c.Technique, c.TargetOrder[0]);
            if (!groups.TryGetValue(key, out var list)) groups.Add(key, list = []);
            list.Add(c);
        }

        var used = new HashSet<ScanCandidate>();
        foreach (var (_, list) in groups)
        {
            if (list.Count < 2) continue;
            list.Sort(ByFirstSeen);
            for (var i = 0; i < list.Count; i++)
            {
                var seed = list[i];
                if (used.Contains(seed)) continue;
                var members = new List<ScanCandidate> { seed };
                var union = new PortSet();
                union.UnionWith(seed.Ports);
                var last = seed.LastSeen.UnixNanoseconds;

                // Sorted by first sighting: a share that starts after the group's last probe is another period.
                for (var j = i + 1; j < list.Count && list[j].FirstSeen.UnixNanoseconds <= last; j++)
                {
                    var other = list[j];
                    if (used.Contains(other) || members.Exists(m => m.Source == other.Source)) continue;
                    if (Overlaps(union, other.Ports)) continue;
                    union.UnionWith(other.Ports);
                    members.Add(other);
                    last = Math.Max(last, other.LastSeen.UnixNanoseconds);
                }

                if (members.Count < 2 || union.Count < _options.ScanMinPorts) continue;
                foreach (var m in members) used.Add(m);
                findings.Add(DistributedFinding(members, union));
            }
        }

        candidates.RemoveAll(used.Contains);
    }

    private static bool Overlaps(PortSet union, PortSet ports)
    {
        foreach (var p in ports.Lowest(int.MaxValue))
        {
            if (union.Contains((ushort)p)) return true;
        }

        return false;
    }

    private Finding DistributedFinding(List<ScanCandidate> members, PortSet ports)
    {
        members.Sort((x, y) => x.Source.CompareTo(y.Source));
        long packets = 0;
        var first = members[0].FirstSeen;
        var last = members[0].LastSeen;
        var evidence = new List<EvidenceRef>();
        var shares = new JsonObject();
        foreach (var m in members)
        {
            packets += m.Packets;
            if (m.FirstSeen.UnixNanoseconds < first.UnixNanoseconds) first = m.FirstSeen;
            if (m.LastSeen.UnixNanoseconds > last.UnixNanoseconds) last = m.LastSeen;
            foreach (var e in m.Evidence)
            {
                if (evidence.Count >= _options.EvidencePerFinding) break;
                evidence.Add(e);
            }

            var list = new JsonArray();
            foreach (var p in m.Ports.Lowest()) list.Add(p);
            shares[m.Source.ToString()] = list;
        }

        evidence.Sort((x, y) => x.Input != y.Input ? x.Input.CompareTo(y.Input) : x.Number.CompareTo(y.Number));
        return new Finding
        {
            Kind = FindingKind.DistributedPortScan,
            Technique = members[0].Technique,
            Protocol = members[0].Protocol,
            Sources = members.ConvertAll(m => m.Source),
            Targets = [members[0].TargetOrder[0]],
            PortCount = ports.Count,
            Ports = ports.Lowest(),
            FirstSeen = first,
            LastSeen = last,
            Packets = packets,
            // Disjoint shares in one period fit one divided scan, but independent scanners can fall that way too.
            Confidence = DistributedConfidence,
            Evidence = evidence,
            EvidenceTotal = packets,
            Attributes = new JsonObject
            {
                ["method"] = "disjoint-ports",
                ["shares"] = shares,
                ["thresholds"] = new JsonObject { ["ports"] = _options.ScanMinPorts },
            },
            Detector = DetectorName,
        };
    }

    private static bool InLockstep(ScanCandidate a, ScanCandidate b)
    {
        if (a.Source == b.Source || a.Kind != b.Kind || a.Technique != b.Technique || a.Protocol != b.Protocol) return false;
        if (a.FirstSeen.UnixNanoseconds > b.LastSeen.UnixNanoseconds || b.FirstSeen.UnixNanoseconds > a.LastSeen.UnixNanoseconds) return false;
        if (a.TargetOrder.Count != b.TargetOrder.Count || !new HashSet<HostAddress>(a.TargetOrder).SetEquals(b.TargetOrder)) return false;
        var union = new PortSet();
        union.UnionWith(a.Ports);
        union.UnionWith(b.Ports);
        var shared = a.Ports.Count + b.Ports.Count - union.Count;
        return shared >= LockstepPortOverlap * Math.Max(a.Ports.Count, b.Ports.Count);
    }

    private Finding DecoyFinding(List<ScanCandidate> members)
    {
        members.Sort((x, y) => x.Source.CompareTo(y.Source));
        var real = members.FindAll(m => m.Answered > 0);
        var origin = real.Count == 1 ? real[0] : null;
        var ports = new PortSet();
        long packets = 0;
        var first = members[0].FirstSeen;
        var last = members[0].LastSeen;
        foreach (var m in members)
        {
            ports.UnionWith(m.Ports);
            packets += m.Packets;
            if (m.FirstSeen.UnixNanoseconds < first.UnixNanoseconds) first = m.FirstSeen;
            if (m.LastSeen.UnixNanoseconds > last.UnixNanoseconds) last = m.LastSeen;
        }

        var evidence = new List<EvidenceRef>((origin ?? members[0]).Evidence);
        foreach (var m in members)
        {
            if (m == origin || m == members[0] && origin is null) continue;
            foreach (var e in m.Evidence)
            {
                if (evidence.Count >= _options.EvidencePerFinding) break;
                evidence.Add(e);
            }
        }

        evidence.Sort((x, y) => x.Input != y.Input ? x.Input.CompareTo(y.Input) : x.Number.CompareTo(y.Number));
        var decoys = new JsonArray();
        foreach (var m in members)
        {
            if (m != origin) decoys.Add(m.Source.ToString());
        }

        var answered = new JsonObject();
        foreach (var m in members) answered[m.Source.ToString()] = m.Answered;
        var attributes = new JsonObject
        {
            ["method"] = "lockstep",
            ["decoys"] = decoys,
            ["answered_replies"] = answered,
            ["member_method"] = (origin ?? members[0]).Attributes["method"]?.GetValue<string>(),
        };
        Origin? found = null;
        var spoofing = SpoofingAssessment.Unknown;
        if (origin is not null)
        {
            found = new Origin(origin.Source, null, null,
            [
                new Reason("answers-replies", string.Create(CultureInfo.InvariantCulture,
                    $"only {origin.Source} answered the targets' replies ({origin.Answered} resets or handshake completions); the other sources never did, as forged decoys cannot")),
            ]);
            spoofing = new SpoofingAssessment(SpoofingVerdict.Spoofed,
            [
                new Reason("decoy-sources", string.Create(CultureInfo.InvariantCulture,
                    $"{members.Count - 1} of {members.Count} sources probed the same ports in lockstep without ever answering a reply")),
            ]);
        }

        return new Finding
        {
            Kind = FindingKind.DecoyPortScan,
            Technique = members[0].Technique,
            Protocol = members[0].Protocol,
            Sources = members.ConvertAll(m => m.Source),
            Targets = SortedTargets(members[0].TargetOrder, attributes),
            PortCount = ports.Count,
            Ports = ports.Lowest(),
            FirstSeen = first,
            LastSeen = last,
            Packets = packets,
            Confidence = origin is null ? DecoyWithoutOriginConfidence : DecoyWithOriginConfidence,
            Origin = found,
            Spoofing = spoofing,
            Evidence = evidence,
            EvidenceTotal = packets,
            Attributes = attributes,
            Detector = DetectorName,
        };
    }

    /// <summary>
    /// Two sweeps of one source that visit their common targets in the same order were driven from one list of
    /// targets (seed 001: "the same systems table"). Agreement is the longest common subsequence of the two orders
    /// over the common targets.
    /// </summary>
    private void LinkSameOrder(List<ScanCandidate> candidates)
    {
        var bySource = new Dictionary<HostAddress, List<ScanCandidate>>();
        foreach (var c in candidates)
        {
            if (!IsSweep(c)) continue;
            if (!bySource.TryGetValue(c.Source, out var list)) bySource.Add(c.Source, list = []);
            list.Add(c);
        }

        foreach (var (_, list) in bySource)
        {
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    // Only the later sweep carries the link, as it would in a live stream where the earlier one is out.
                    if (list[j].FirstSeen.UnixNanoseconds < list[i].FirstSeen.UnixNanoseconds) Link(list[j], list[i]);
                    else Link(list[i], list[j]);
                }
            }
        }
    }

    /// <summary>
    /// Links this batch's sweeps to sweeps of the same source reported in earlier batches (closed days before),
    /// and remembers them in turn. The link goes on this batch's sweep only: the earlier finding is already out
    /// (in a live stream, written) and is never changed after it was emitted.
    /// </summary>
    private void LinkToPastSweeps(List<ScanCandidate> candidates)
    {
        foreach (var c in candidates)
        {
            if (!IsSweep(c) || !_pastSweeps.TryGetValue(c.Source, out var past)) continue;
            foreach (var old in past) Link(old, c);
        }

        foreach (var c in candidates)
        {
            if (!IsSweep(c)) continue;
            if (!_pastSweeps.TryGetValue(c.Source, out var list)) _pastSweeps.Add(c.Source, list = []);
            list.Add(c);
            _pastOrder.Enqueue(c);
            while (_pastOrder.Count > _options.ScanRememberedSweeps)
            {
                var dropped = _pastOrder.Dequeue();
                var owner = _pastSweeps[dropped.Source];
                owner.Remove(dropped);
                if (owner.Count == 0) _pastSweeps.Remove(dropped.Source);
                Forgotten++;
            }
        }
    }

    /// <summary>Links <paramref name="later"/> to <paramref name="earlier"/> when they visit their common targets in one order; only the later one is changed.</summary>
    private void Link(ScanCandidate earlier, ScanCandidate later)
    {
        var common = new HashSet<HostAddress>(earlier.TargetOrder);
        common.IntersectWith(later.TargetOrder);
        if (common.Count < _options.ScanSameOrderMinTargets) return;
        var orderA = earlier.TargetOrder.FindAll(common.Contains);
        var orderB = later.TargetOrder.FindAll(common.Contains);
        var agreement = LongestCommonSubsequence(orderA, orderB) / (double)common.Count;
        if (agreement < _options.ScanSameOrderAgreement) return;
        AddLink(later, earlier, common.Count, agreement);
    }

    private static bool IsSweep(ScanCandidate c) => c.Kind is FindingKind.PortSweep or FindingKind.IcmpSweep;

    private static void AddLink(ScanCandidate to, ScanCandidate other, int common, double agreement)
    {
        if (to.Attributes["same_target_order_as"] is not JsonArray links)
        {
            links = [];
            to.Attributes["same_target_order_as"] = links;
        }

        var ports = new JsonArray();
        foreach (var p in other.Ports.Lowest()) ports.Add(p);
        links.Add(new JsonObject
        {
            ["sources"] = new JsonArray(other.Source.ToString()),
            ["ports"] = ports,
            ["first_seen"] = other.FirstSeen.ToIsoString(),
            ["last_seen"] = other.LastSeen.ToIsoString(),
            // A remembered sweep's order is cut to its head once reported; a count that long is in targets_total.
            ["targets_count"] = other.Attributes["targets_total"]?.GetValue<int>() ?? other.TargetOrder.Count,
            ["common_targets"] = common,
            ["order_agreement"] = Math.Round(agreement, 4),
        });
    }

    private static int LongestCommonSubsequence(List<HostAddress> a, List<HostAddress> b)
    {
        var n = Math.Min(a.Count, OrderCompareLimit);
        var m = Math.Min(b.Count, OrderCompareLimit);
        var previous = new int[m + 1];
        var current = new int[m + 1];
        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[m];
    }

    private Finding ToFinding(ScanCandidate c) => new()
    {
        Kind = c.Kind,
        Technique = c.Technique,
        Protocol = c.Protocol,
        Sources = [c.Source],
        Targets = SortedTargets(c.TargetOrder, c.Attributes),
        PortCount = c.Ports.Count,
        Ports = c.Ports.Lowest(),
        FirstSeen = c.FirstSeen,
        LastSeen = c.LastSeen,
        Packets = c.Packets,
        Confidence = c.Confidence,
        Evidence = c.Evidence,
        EvidenceTotal = c.Packets,
        Attributes = c.Attributes,
        Detector = DetectorName,
    };

    private List<HostAddress> SortedTargets(List<HostAddress> order, JsonObject attributes)
    {
        var sorted = new List<HostAddress>(order);
        sorted.Sort();
        if (sorted.Count <= _options.ScanMaxTargetsListed) return sorted;
        attributes["targets_total"] = sorted.Count;
        return sorted.GetRange(0, _options.ScanMaxTargetsListed);
    }

    private static bool IsTcp(ScanTechnique technique) => technique is not (ScanTechnique.Udp or ScanTechnique.IcmpEcho
        or ScanTechnique.IcmpTimestamp or ScanTechnique.IcmpAddressMask or ScanTechnique.IpProtocol or ScanTechnique.Mixed);

    private static FindingProtocol ProtocolOf(ScanTechnique? technique) => technique switch
    {
        ScanTechnique.Udp => FindingProtocol.Udp,
        ScanTechnique.IcmpEcho or ScanTechnique.IcmpTimestamp or ScanTechnique.IcmpAddressMask => FindingProtocol.Icmp,
        ScanTechnique.IpProtocol => FindingProtocol.Ip,
        _ => FindingProtocol.Tcp,
    };

    /// <summary>The counting tables of <see cref="Decide"/>, emptied for each group; a table a big scanner grew is dropped rather than cleared.</summary>
    private sealed class DecideScratch
    {
        /// <summary>Entries past which a table is made anew: clearing costs its capacity, and the next group is most likely small.</summary>
        private const int KeepLimit = 1024;

        public List<HostAddress> Targets { get; private set; } = [];

        public HashSet<HostAddress> SeenTargets { get; private set; } = [];

        public Dictionary<HostAddress, int> PortsPerTarget { get; private set; } = [];

        public Dictionary<ushort, int> TargetsPerPort { get; private set; } = [];

        /// <summary>Like <see cref="TargetsPerPort"/>, of the contacts the targets did not accept.</summary>
        public Dictionary<ushort, int> UnacceptedTargetsPerPort { get; private set; } = [];

        public HashSet<ushort> Ports { get; private set; } = [];

        public HashSet<(HostAddress, ushort)> Pairs { get; private set; } = [];

        public List<EvidenceRef> Evidence { get; } = [];

        public DecideScratch Reset()
        {
            if (Pairs.Count > KeepLimit || Targets.Count > KeepLimit) return new DecideScratch();
            Targets.Clear();
            SeenTargets.Clear();
            PortsPerTarget.Clear();
            TargetsPerPort.Clear();
            UnacceptedTargetsPerPort.Clear();
            Ports.Clear();
            Pairs.Clear();
            Evidence.Clear();
            return this;
        }
    }
}
