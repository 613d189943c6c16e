using System.Text.Json.Nodes;
using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Detect;

/// <summary>
/// Packets no ordinary stack sends, per source: impossible flag sets (SYN+FIN, FIN+RST+PSH, ECE without ECN
/// setup, …), reserved bits, an ACK flag with acknowledgement 0 or an acknowledgement number without the
/// flag, port 0, tiny first fragments; the header fields that stay constant across the probes; and the tool
/// whose fingerprint the probes carry (<see cref="ToolFingerprints"/>: libnet samples, zmap, masscan, hping3,
/// unicornscan).
/// </summary>
/// <remarks>
/// The flag sets of standard scans (FIN, NULL, Xmas, ACK, Maimon, SYN) are not crafted evidence on their own:
/// they are the technique of a port scan, which the scan detectors report. A plain nmap -sF/-sN/-sX scan
/// therefore yields no crafted-packets finding, though nmap keeps one sequence number and one source port for
/// the whole scan: that is nmap's documented design and belongs to its port-scan finding. What nmap does
/// not do there (constant IP IDs, impossible flag sets, an acknowledgement number without the flag) is
/// reported, except where the packets are probes of a recognised OS-detection run (nmap -O's T3 and ECN),
/// which the os-fingerprint finding reports instead (see <see cref="Collect"/>).
/// </remarks>
public sealed class CraftedPacketDetector : IDetector
{
    private const TcpFlags Syn = TcpFlags.Syn;
    private const TcpFlags Ack = TcpFlags.Ack;
    private const TcpFlags Fin = TcpFlags.Fin;
    private const TcpFlags Rst = TcpFlags.Rst;
    private const TcpFlags Psh = TcpFlags.Psh;
    private const TcpFlags Urg = TcpFlags.Urg;
    private const TcpFlags Ece = TcpFlags.Ece;
    private const TcpFlags Cwr = TcpFlags.Cwr;
    private const TcpFlags Xmas = Fin | Psh | Urg;
    private const TcpFlags ReservedOnly = TcpFlags.Reserved1 | TcpFlags.Reserved2 | TcpFlags.Reserved3;

    /// <summary>TCP needs 20 header bytes; a first fragment with fewer hides the flags from filters (RFC 1858).</summary>
    private const int MinimumTcpHeader = 20;
    private const byte TcpProtocolNumber = 6;

    private readonly DetectionOptions _options;

    private readonly CraftedSourceTable _sources = new();
    private readonly List<int> _expired = [];
    private readonly ToolFingerprint[] _tools = [.. ToolFingerprints.All];
    private readonly int _unicornscan = ToolFingerprints.IndexOf(FingerprintRule.UnicornscanKey);
    private readonly List<(Finding Finding, CraftedSourceState State)> _batch = [];
    private bool _fullOfEvidence;

    public CraftedPacketDetector(DetectionOptions options)
    {
        _options = options;
    }

    public string Name => "crafted-packets";

    /// <summary>An established segment is no probe, but an anomaly in one is still crafted.</summary>
    public EstablishedSegments ReadsEstablished => EstablishedSegments.Anomalous;

    public long Evicted { get; private set; }

    public void Observe(in Observation observation)
    {
        if (observation.Has(ObservationFields.Duplicate) || !observation.Has(ObservationFields.Source) || !observation.Has(ObservationFields.Time)) return;
        var anomalies = Anomalies(observation);
        var tcp = observation.Protocol == TransportProtocol.Tcp;
        var probe = tcp && observation.Has(ObservationFields.TcpFlags)
            && (observation.TcpFlags & Ack) == 0 && (observation.TcpFlags & TcpFlags.Classic) != Rst;
        if (anomalies == 0 && !probe) return;

        var source = observation.Source;
        var toolMask = tcp ? ToolMask(observation) : 0;
        var keyed = probe && _unicornscan >= 0 && observation.Destination.Kind == HostAddressKind.IPv4
            && observation.Has(ObservationFields.Sequence) && observation.Has(ObservationFields.Ports);
        var osProbe = OsProbes.Match(observation);
        var facts = new CraftedProbe(observation);
        CraftedSourceState state;
        if (_sources.TryFind(source, out var index))
        {
            ref var slot = ref _sources[index];
            state = slot.State ??= Promote(slot);
        }
        else
        {
            if (_sources.Count >= _options.MaxCraftedSources && !MakeRoom()) return;
            ref var slot = ref _sources[_sources.Add(source)];
            if (anomalies == 0 && toolMask == 0)
            {
                // An ordinary first probe: it waits in the slot until the source sends another (see CraftedProbe).
                slot.First = facts;
                slot.FirstOsProbe = (sbyte)osProbe;
                slot.FirstKeyed = keyed;
                return;
            }

            slot.State = state = new CraftedSourceState(source, _options.EvidencePerFinding);
        }

        var toolMatch = toolMask != 0;
        for (var i = 0; toolMask != 0; i++, toolMask >>= 1)
        {
            if ((toolMask & 1) != 0) state.AddToolMatches(i, 1);
        }

        if (keyed)
        {
            var matched = state.MatchSynKey(UnicornscanKey(facts), facts);
            if (matched > 0)
            {
                state.AddToolMatches(_unicornscan, matched);
                toolMatch = true;
            }
        }

        state.Add(facts, anomalies, toolMatch, osProbe);
    }

    /// <summary>Bit i set: <paramref name="o"/> (a TCP observation) matches fingerprint i of <see cref="ToolFingerprints.All"/>.</summary>
    private int ToolMask(in Observation o)
    {
        var mask = 0;
        for (var i = 0; i < _tools.Length; i++)
        {
            if (_tools[i].Matches(o)) mask |= 1 << i;
        }

        return mask;
    }

    /// <summary>
    /// The state of a source whose held first probe (an ordinary one: no anomaly, no tool match) is followed by
    /// another: made, and given that first probe as <see cref="Observe"/> would have given it.
    /// </summary>
    private CraftedSourceState Promote(in CraftedSourceSlot slot)
    {
        var state = new CraftedSourceState(slot.Source, _options.EvidencePerFinding);
        var first = slot.First;
        if (slot.FirstKeyed) state.MatchSynKey(UnicornscanKey(first), first);
        state.Add(first, 0, false, slot.FirstOsProbe);
        return state;
    }

    /// <summary>The last time a held source was seen.</summary>
    private static Timestamp LastSeen(in CraftedSourceSlot slot) => slot.State?.LastSeen ?? slot.First.Time;

    /// <summary>
    /// The key unicornscan would have used for this probe: it sends seq = key ^ destination ^ ((destination port
    /// &lt;&lt; 16) + source port), the destination taken as the in-memory value of a network-order address on a
    /// little-endian host (send_packet.c, tcphash.h TCPHASHTRACK), so every probe of one scan yields one key.
    /// </summary>
    internal static uint UnicornscanKey(in CraftedProbe o) =>
        o.Sequence ^ System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(o.Destination.IPv4Value)
        ^ unchecked(((uint)o.DestinationPort << 16) + o.SourcePort);

    public void Advance(Timestamp now, IFindingSink sink)
    {
        var horizon = now.UnixNanoseconds - _options.CraftedIdleTimeout.Ticks * 100;
        _expired.Clear();
        foreach (var index in _sources)
        {
            if (LastSeen(_sources[index]).UnixNanoseconds < horizon) _expired.Add(index);
        }

        foreach (var index in _expired)
        {
            // A source still holding only its first probe has nothing to report.
            if (_sources[index].State is { } state) Collect(state);
            _sources.Remove(index);
        }

        if (_expired.Count > 0) _fullOfEvidence = false;
        Flush(sink);
    }

    public void Complete(IFindingSink sink)
    {
        // Only a source that can be reported is sorted: the rest (nearly every source of a capture) would yield no
        // finding from Collect, and sorting them all cost more than the rest of the detector's end.
        var reportable = new List<CraftedSourceState>();
        foreach (var index in _sources)
        {
            if (_sources[index].State is { MayReport: true } state) reportable.Add(state);
        }

        reportable.Sort((a, b) => a.Source.CompareTo(b.Source));
        foreach (var state in reportable) Collect(state);
        _sources.Clear();
        Flush(sink);
    }

    /// <summary>The anomalies of one record as a bit mask over <see cref="PacketAnomaly"/>.</summary>
    internal static int Anomalies(in Observation o)
    {
        var mask = 0;
        if (o.Protocol == TransportProtocol.Tcp && o.Has(ObservationFields.TcpFlags))
        {
            var flags = o.TcpFlags;
            var classic = flags & TcpFlags.Classic;
            var ack = (classic & Ack) != 0;
            var syn = (classic & Syn) != 0;
            if (ImpossibleFlags(classic)) mask |= Bit(PacketAnomaly.ImpossibleFlags);

            // AE is accurate ECN's: legitimate on a SYN that also sets ECE and CWR, and on segments with ACK.
            var aeAllowed = ack || (syn && (classic & (Ece | Cwr)) == (Ece | Cwr));
            if ((flags & ReservedOnly) != 0 || ((flags & TcpFlags.Ae) != 0 && !aeAllowed)) mask |= Bit(PacketAnomaly.ReservedBits);

            if (o.Has(ObservationFields.Acknowledgement))
            {
                if (ack && o.Acknowledgement == 0) mask |= Bit(PacketAnomaly.AckFlagWithZeroAck);
                // Not on resets: Windows and BSD stacks leave a non-zero ack in a bare RST (zeek's rfb/vnc-scanner
                // and tcp/qi_internet_* traces), so only a reset's other flags can make it crafted.
                if (!ack && o.Acknowledgement != 0 && (classic & Rst) == 0) mask |= Bit(PacketAnomaly.AckNumberWithoutAckFlag);
            }

            if ((classic & Urg) != 0 && o.Has(ObservationFields.UrgentPointer) && o.UrgentPointer == 0 && (classic & ~(Ece | Cwr)) != Xmas)
            {
                mask |= Bit(PacketAnomaly.UrgentWithoutPointer);
            }
        }

        if (o.Protocol is TransportProtocol.Tcp or TransportProtocol.Udp
            && ((o.Has(ObservationFields.SourcePort) && o.SourcePort == 0) || (o.Has(ObservationFields.DestinationPort) && o.DestinationPort == 0)))
        {
            mask |= Bit(PacketAnomaly.PortZero);
        }

        if (o.Has(ObservationFields.Fragment) && o.FragmentOffset == 0 && o.MoreFragments && o.IpProtocol == TcpProtocolNumber
            && o.Has(ObservationFields.IpLength) && o.Has(ObservationFields.IpHeaderLength) && o.IpLength - o.IpHeaderLength < MinimumTcpHeader)
        {
            mask |= Bit(PacketAnomaly.TinyFragment);
        }

        return mask;
    }

    /// <summary>
    /// A flag set that neither a stack (handshake, data, close, reset, urgent data, ECN) nor a standard scan
    /// technique (FIN, NULL, Xmas, ACK, Maimon) sends. ECN: CWR+ECE on a SYN is ECN setup, ECE on a SYN-ACK
    /// its answer (RFC 3168 §6.1.1), and either may appear on segments carrying ACK.
    /// </summary>
    internal static bool ImpossibleFlags(TcpFlags classic)
    {
        var ecn = classic & (Ece | Cwr);
        var ack = (classic & Ack) != 0;
        var syn = (classic & Syn) != 0;
        if (ecn != 0)
        {
            var setup = syn && !ack && ecn == (Ece | Cwr);
            var answer = syn && ack && ecn == Ece;
            var data = !syn && ack;
            if (!setup && !answer && !data) return true;
        }

        return (classic & ~(Ece | Cwr)) switch
        {
            Syn or Syn | Ack or Ack or Psh | Ack or Fin | Ack or Fin | Psh | Ack => false,
            Rst or Rst | Ack or Rst | Psh | Ack => false,
            Urg | Ack or Urg | Psh | Ack or Urg | Fin | Ack or Urg | Fin | Psh | Ack => false,
            Fin or TcpFlags.None or Xmas => false,
            _ => true,
        };
    }

    private static int Bit(PacketAnomaly anomaly) => 1 << (int)anomaly;

    /// <summary>
    /// Frees the sources with no evidence; false when every held source has some (the new one is then dropped,
    /// and later newcomers too without another scan until time frees a source, so a flood costs no scan per packet).
    /// </summary>
    private bool MakeRoom()
    {
        if (_fullOfEvidence)
        {
            Evicted++;
            return false;
        }

        _expired.Clear();
        foreach (var index in _sources)
        {
            if (_sources[index].State is not { HasEvidence: true }) _expired.Add(index);
        }

        foreach (var index in _expired) _sources.Remove(index);
        Evicted += _expired.Count == 0 ? 1 : _expired.Count;
        _fullOfEvidence = _expired.Count == 0;
        return _expired.Count > 0;
    }

    private void Collect(CraftedSourceState state)
    {
        // Packets of a recognised OS-detection run (nmap -O's ECN and T3 probes set a reserved bit and an
        // impossible flag set) are the os-fingerprint finding's evidence: an analyst reports one thing, OS
        // fingerprinting by that tool, so they are not crafted-packet evidence too. The run is judged per
        // source, over every target, by the same rule as OsFingerprintDetector; when the probes make no run
        // (a lone odd packet), they are reported here after all. Other packets of the source are unaffected.
        // Judging per source keeps the state one bit mask; a source whose probes make a run only across
        // several targets loses them here while OsFingerprintDetector, per target, reports none.
        state.FoldOsProbes(OsProbes.IsRun(state.OsProbesSeen, _options.MinOsProbes));
        var tool = ClaimedTool(state, out var toolMatches);
        if (state.Anomalous == 0 && tool is null) return;
        _batch.Add((Build(state, tool, toolMatches), state));
    }

    /// <summary>
    /// Emits the collected findings, merging those of sources whose probes share a strong fingerprint (two or
    /// more of IP ID, seq and ack constant and equal, and the same tool): one tool run sending under several
    /// addresses, as seed 002's three sources sent identical FRP probes. Whether the addresses are forged is
    /// the assessment's question; that the packets are one run's is this evidence's.
    /// </summary>
    private void Flush(IFindingSink sink)
    {
        var groups = new Dictionary<string, List<(Finding Finding, CraftedSourceState State)>>(StringComparer.Ordinal);
        foreach (var item in _batch)
        {
            var signature = SharedSignature(item.Finding);
            if (signature is null)
            {
                sink.Add(item.Finding);
                continue;
            }

            if (!groups.TryGetValue(signature, out var list)) groups[signature] = list = [];
            list.Add(item);
        }

        foreach (var list in groups.Values) sink.Add(list.Count == 1 ? list[0].Finding : Merge(list));
        _batch.Clear();
    }

    private static string? SharedSignature(Finding finding)
    {
        if (finding.Attributes["invariants"] is not JsonObject invariants) return null;
        var strong = 0;
        var text = new System.Text.StringBuilder(finding.Tool ?? "-");
        foreach (var field in StrongInvariants)
        {
            if (invariants[field] is not { } value) continue;
            strong++;
            text.Append('|').Append(field).Append('=').Append(value.ToJsonString());
        }

        return strong >= 2 ? text.ToString() : null;
    }

    private static readonly string[] StrongInvariants = ["ip_id", "seq", "ack"];

    private Finding Merge(List<(Finding Finding, CraftedSourceState State)> members)
    {
        members.Sort((a, b) => a.State.Source.CompareTo(b.State.Source));
        var first = members[0].Finding;
        var sources = new List<HostAddress>(members.Count);
        var targets = new SortedSet<HostAddress>();
        var ports = new PortSet();
        var evidence = new List<EvidenceRef>();
        var firstSeen = first.FirstSeen;
        var lastSeen = first.LastSeen;
        long packets = 0, probes = 0;
        var techniques = new HashSet<ScanTechnique?>();
        var anomalies = new JsonObject();
        var hopsBySource = new JsonObject();
        var invariants = first.Attributes["invariants"]!.DeepClone().AsObject();
        foreach (var (finding, state) in members)
        {
            sources.Add(state.Source);
            targets.UnionWith(finding.Targets);
            if (state.Ports is { } set) ports.UnionWith(set);
            foreach (var e in finding.Evidence)
            {
                if (evidence.Count < _options.EvidencePerFinding) evidence.Add(e);
            }

            if (finding.FirstSeen.UnixNanoseconds < firstSeen.UnixNanoseconds) firstSeen = finding.FirstSeen;
            if (finding.LastSeen.UnixNanoseconds > lastSeen.UnixNanoseconds) lastSeen = finding.LastSeen;
            packets += finding.Packets;
            probes += state.Probes;
            techniques.Add(finding.Technique);
            foreach (var (name, count) in finding.Attributes["anomalies"]!.AsObject())
            {
                anomalies[name] = (anomalies[name]?.GetValue<int>() ?? 0) + count!.GetValue<int>();
            }

            if (finding.Attributes["hops_estimate"] is { } hops) hopsBySource[state.Source.ToString()] = hops.DeepClone();
            var theirs = finding.Attributes["invariants"]!.AsObject();
            foreach (var name in invariants.Select(p => p.Key).ToList())
            {
                if (!JsonNode.DeepEquals(invariants[name], theirs[name])) invariants.Remove(name);
            }
        }

        var attributes = first.Attributes.DeepClone().AsObject();
        attributes["method"] = first.Attributes["method"]!.GetValue<string>() + "+shared-invariants";
        attributes["anomalies"] = anomalies;
        attributes["probes"] = probes;
        attributes["invariants"] = invariants;
        attributes["sources_sharing_invariants"] = members.Count;
        if (!invariants.ContainsKey("source_port"))
        {
            attributes.Remove("fixed_source_port");
            attributes.Remove("fixed_source_port_meaning");
        }

        attributes.Remove("hops_estimate");
        if (hopsBySource.Count > 0) attributes["hops_by_source"] = hopsBySource;
        if (attributes["tool_matches"] is not null)
        {
            attributes["tool_matches"] = members.Sum(m => m.Finding.Attributes["tool_matches"]?.GetValue<int>() ?? 0);
        }

        var doubt = first.Attributes["method"]!.GetValue<string>().StartsWith("header", StringComparison.Ordinal) ? AnomalyDoubt : FingerprintDoubt;
        attributes["confidence_basis"] = "crafted-packets-shared-invariants";
        return first with
        {
            Technique = techniques.Count == 1 ? first.Technique : ScanTechnique.Mixed,
            Sources = sources,
            Targets = [.. targets],
            PortCount = ports.Count,
            Ports = ports.Lowest(),
            FirstSeen = firstSeen,
            LastSeen = lastSeen,
            Packets = packets,
            Confidence = Math.Round(Math.Min(MaxConfidence, 1 - doubt / packets), 3),
            Evidence = evidence,
            EvidenceTotal = packets,
            Attributes = attributes,
        };
    }

    /// <summary>
    /// The fingerprint the source's probes carry: the one matched most, if it matched at least half the probes
    /// (so a stray match among ordinary packets claims nothing) and often enough to exclude chance: once for a
    /// fingerprint of two or more constants (a chance match is about 1 in 2^32), otherwise
    /// <see cref="DetectionOptions.MinToolMatches"/> times (unicornscan's key too: three probes to other ports or
    /// targets sharing a 32-bit key by chance is about 1 in 2^64, but a key shared only once may be a tool that
    /// steps seq with the port).
    /// </summary>
    private ToolFingerprint? ClaimedTool(CraftedSourceState state, out int matches)
    {
        matches = 0;
        ToolFingerprint? best = null;
        for (var i = 0; i < _tools.Length; i++)
        {
            if (state.ToolMatches(i) > matches)
            {
                matches = state.ToolMatches(i);
                best = _tools[i];
            }
        }

        if (best is null) return null;
        var required = ConstantCount(best) >= 2 ? 1 : _options.MinToolMatches;
        return matches >= required && matches * 2 >= state.Probes ? best : null;
    }

    private static int ConstantCount(ToolFingerprint f) =>
        (f.IpId is null ? 0 : 1) + (f.Sequence is null ? 0 : 1) + (f.Acknowledgement is null ? 0 : 1) + (f.Window is null ? 0 : 1);

    private Finding Build(CraftedSourceState state, ToolFingerprint? tool, int toolMatches)
    {
        var attributes = new JsonObject();
        var anomalies = new JsonObject();
        foreach (var anomaly in Enum.GetValues<PacketAnomaly>())
        {
            var count = state.AnomalyCount(anomaly);
            if (count > 0) anomalies[AnomalyName(anomaly)] = count;
        }

        attributes["method"] = state.Anomalous > 0 && tool is not null ? "header-anomalies+tool-fingerprint"
            : state.Anomalous > 0 ? "header-anomalies" : "tool-fingerprint";
        attributes["anomalies"] = anomalies;
        attributes["probes"] = state.Probes;

        var invariants = new JsonObject();
        if (state.DistinctProbes)
        {
            if (state.IpId.IsConstant && !(state.IpId.Value == 0 && state.ZeroIdAlwaysDf)) invariants["ip_id"] = state.IpId.Value;
            if (state.Sequence.IsConstant) invariants["seq"] = state.Sequence.Value;
            // A constant ack of 0 is what every SYN carries; only a constant non-zero one is a fingerprint.
            if (state.Acknowledgement.IsConstant && state.Acknowledgement.Value != 0) invariants["ack"] = state.Acknowledgement.Value;
            if (state.Window.IsConstant) invariants["window"] = state.Window.Value;
            if (state.Ttl.IsConstant) invariants["ttl"] = state.Ttl.Value;
            if (state.SourcePort.IsConstant) invariants["source_port"] = state.SourcePort.Value;
        }

        attributes["invariants"] = invariants;
        if (state.DistinctProbes && state.SourcePort.IsConstant)
        {
            var port = (ushort)state.SourcePort.Value;
            attributes["fixed_source_port"] = (int)port;
            if (NotableSourcePorts.TryGetMeaning(port, out var meaning)) attributes["fixed_source_port_meaning"] = meaning;
        }

        if (state.DistinctFlagSets == 1) attributes["flags"] = TcpFlagsText.ToText(state.FirstFlags);
        attributes["flag_sets"] = state.DistinctFlagSets;
        if (state.DistinctFlagSets == 1 && (state.FirstFlags & TcpFlags.Classic) == (Fin | Rst | Psh))
        {
            attributes["reply_expected"] = false;
            // No stack answers FIN+RST+PSH, open port or closed, so the probes learn nothing about ports (seed 002).
            attributes["interpretation"] = "listener-below-stack-or-tool-test";
        }

        if (tool is not null)
        {
            attributes["tool_matches"] = toolMatches;
            attributes["tool_basis"] = ToolBasis(tool);
            if (tool.InitialTtl is { } initial && state.Ttl.IsConstant && state.Ttl.Value <= initial)
            {
                attributes["initial_ttl"] = initial;
                attributes["hops_estimate"] = initial - (int)state.Ttl.Value;
            }
        }

        var packets = state.Evidence.Total;
        // Any one impossible packet is already unlikely from a stack; each further consistent packet makes a
        // corrupted or misread packet less likely as the explanation: 0.7 for one, 0.85 for two, 0.99 at 30.
        var confidence = Math.Min(MaxConfidence, 1 - (state.Anomalous > 0 ? AnomalyDoubt : FingerprintDoubt) / packets);
        attributes["confidence_basis"] = tool is null ? "crafted-packets" : "crafted-packets-and-tool-fingerprint";

        var targets = new List<HostAddress>(state.Targets);
        targets.Sort();
        return new Finding
        {
            Kind = FindingKind.CraftedPackets,
            Technique = Technique(state),
            Protocol = state.DistinctFlagSets > 0 && state.SawUdp ? FindingProtocol.Mixed
                : state.DistinctFlagSets > 0 ? FindingProtocol.Tcp : state.SawUdp ? FindingProtocol.Udp : FindingProtocol.Ip,
            Sources = [state.Source],
            Targets = targets,
            PortCount = state.Ports?.Count ?? 0,
            Ports = state.Ports?.Lowest() ?? [],
            FirstSeen = state.EvidenceFirstSeen,
            LastSeen = state.EvidenceLastSeen,
            Packets = packets,
            Confidence = Math.Round(confidence, 3),
            Tool = tool?.Tool,
            Evidence = state.Evidence.Kept,
            EvidenceTotal = packets,
            Attributes = attributes,
            Detector = Name,
        };
    }

    private static ScanTechnique? Technique(CraftedSourceState state)
    {
        if (state.DistinctFlagSets == 0) return state.SawUdp ? ScanTechnique.Udp : null;
        if (state.DistinctFlagSets > 1) return ScanTechnique.Mixed;
        return (state.FirstFlags & TcpFlags.Classic) switch
        {
            Syn | Fin => ScanTechnique.SynFin,
            Fin | Rst | Psh => ScanTechnique.FinRstPsh,
            Syn => ScanTechnique.Syn,
            Fin => ScanTechnique.Fin,
            TcpFlags.None => ScanTechnique.Null,
            Xmas => ScanTechnique.Xmas,
            Ack => ScanTechnique.Ack,
            Fin | Ack => ScanTechnique.Maimon,
            _ => ScanTechnique.OtherFlags,
        };
    }

    /// <summary>What the tool's fingerprint matched: its constant header values and the code of its computed rule.</summary>
    private static JsonObject ToolBasis(ToolFingerprint tool)
    {
        var basis = new JsonObject();
        if (tool.IpId is { } id) basis["ip_id"] = id;
        if (tool.Sequence is { } seq) basis["seq"] = seq;
        if (tool.Acknowledgement is { } ack) basis["ack"] = ack;
        if (tool.Window is { } window) basis["window"] = window;
        var rule = tool.Rule switch
        {
            FingerprintRule.MasscanIpId => "masscan-ip-id",
            FingerprintRule.AckWithoutAckFlag => "ack-without-ack-flag",
            FingerprintRule.UnicornscanKey => "unicornscan-key",
            _ => null,
        };
        if (rule is not null) basis["rule"] = rule;
        return basis;
    }

    private static string AnomalyName(PacketAnomaly anomaly) => anomaly switch
    {
        PacketAnomaly.ImpossibleFlags => "impossible_flags",
        PacketAnomaly.ReservedBits => "reserved_bits",
        PacketAnomaly.AckFlagWithZeroAck => "ack_flag_with_zero_ack",
        PacketAnomaly.AckNumberWithoutAckFlag => "ack_number_without_ack_flag",
        PacketAnomaly.UrgentWithoutPointer => "urgent_without_pointer",
        PacketAnomaly.PortZero => "port_zero",
        PacketAnomaly.TinyFragment => "tiny_fragment",
        _ => throw new ArgumentOutOfRangeException(nameof(anomaly)),
    };

    private const double AnomalyDoubt = 0.3;
    private const double FingerprintDoubt = 0.4;
    private const double MaxConfidence = 0.99;
}
