using System.Runtime.CompilerServices;
using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Detect;

/// <summary>
/// What one source's probe packets looked like: anomaly counts, the flag sets used, which header fields
/// stayed constant, how often each tool fingerprint matched, and the evidence.
/// </summary>
/// <remarks>
/// One object per source that sent two probes or more (<see cref="CraftedSourceTable"/> holds a first one), and most
/// such sources (inside clients' connection SYNs, retried stray SYNs) never show evidence: what only evidence needs
/// (anomaly counts, evidence sample, targets, ports, held-apart OS probes) is one <see cref="EvidencePart"/> made on
/// the first anomaly, evidence or OS probe held apart, and the tool counts are made on the first match, so an
/// ordinary source costs this object alone.
/// </remarks>
internal sealed class CraftedSourceState
{
    private const int FlagSetWords = 4096 / 64;
    private const int AnomalyKinds = 7;

    private readonly int _evidenceCapacity;
    private ulong[]? _flagSets;
    private int[]? _toolMatches;
    private EvidencePart? _part;

    public CraftedSourceState(HostAddress source, int evidenceCapacity)
    {
        Source = source;
        _evidenceCapacity = evidenceCapacity;
    }

    public HostAddress Source { get; }

    /// <summary>The evidence packets (anomalous or matching a tool); made on first use.</summary>
    public EvidenceSample Evidence => Part.Evidence;

    private EvidencePart Part => _part ??= new EvidencePart(_evidenceCapacity);

    public Timestamp FirstSeen { get; private set; }

    public Timestamp LastSeen { get; private set; }

    /// <summary>Probe packets seen (TCP without ACK, except bare resets, plus any anomalous packet).</summary>
    public long Probes { get; private set; }

    /// <summary>Probes with at least one anomaly.</summary>
    public long Anomalous => _part?.Anomalous ?? 0;

    /// <summary>Probes with <paramref name="anomaly"/>.</summary>
    public int AnomalyCount(PacketAnomaly anomaly) => _part?.AnomalyCounts[(int)anomaly] ?? 0;

    /// <summary>How many probes matched fingerprint <paramref name="tool"/> of <see cref="ToolFingerprints.All"/>.</summary>
    public int ToolMatches(int tool) => _toolMatches?[tool] ?? 0;

    /// <summary>Counts <paramref name="count"/> more probes matching fingerprint <paramref name="tool"/>.</summary>
    public void AddToolMatches(int tool, int count) => (_toolMatches ??= new int[ToolFingerprints.All.Count])[tool] += count;

    public FieldInvariant IpId;
    public FieldInvariant Sequence;
    public FieldInvariant Acknowledgement;
    public FieldInvariant Window;
    public FieldInvariant Ttl;
    public FieldInvariant SourcePort;

    /// <summary>Every packet whose IP ID was 0 also had DF set (Linux's way, not a crafted constant).</summary>
    public bool ZeroIdAlwaysDf { get; private set; } = true;

    public TcpFlags FirstFlags { get; private set; }

    public int DistinctFlagSets { get; private set; }

    /// <summary>Some evidence packet was UDP (port 0).</summary>
    public bool SawUdp { get; private set; }

    /// <summary>The probes differed in target, port or flags: constant fields then span distinct probes, not retransmissions of one.</summary>
    public bool DistinctProbes { get; private set; }

    private HostAddress _firstTarget;
    private ushort _firstPort;
    private TcpFlags _firstProbeFlags;

    /// <summary>Ports of the evidence packets (anomalous or matching a tool); made on the first such packet, so ordinary sources cost no 8 KiB set.</summary>
    public PortSet? Ports => _part?.Ports;

    /// <summary>Targets of the evidence packets.</summary>
    public IReadOnlyCollection<HostAddress> Targets => (IReadOnlyCollection<HostAddress>?)_part?.Targets ?? [];

    public Timestamp EvidenceFirstSeen => _part?.EvidenceFirstSeen ?? default;

    public Timestamp EvidenceLastSeen => _part?.EvidenceLastSeen ?? default;

    /// <summary>
    /// Whether <see cref="CraftedPacketDetector"/> could report this source: it has anomalous probes, tool matches or
    /// held-apart OS probes that may become anomalies. False means the source yields no finding whatever it decides.
    /// </summary>
    public bool MayReport => Anomalous > 0 || _toolMatches is not null || _part?.OsProbeEvidence is not null;

    public bool HasEvidence => _part is { } part && (part.Evidence.Total > 0 || part.OsProbeEvidence is not null);

    /// <summary>Bit i set: the source sent probe i of <see cref="OsProbes.All"/> (to any target).</summary>
    public ulong OsProbesSeen { get; private set; }

    /// <summary>
    /// Anomalous packets that are OS-detection probes: held apart (with OS probes matching a tool fingerprint)
    /// until <see cref="FoldOsProbes"/> decides whose evidence they are.
    /// </summary>
    public long OsProbeAnomalous => _part?.OsProbeAnomalous ?? 0;

    // unicornscan's SYN key (seq = key ^ destination ^ (destination port << 16) + source port): the key of a
    // candidate probe, until a later probe to another (target, port, source port) shows the same key.
    private bool _hasKeyCandidate;
    private bool _keyLocked;
    private uint _keyCandidate;
    private HostAddress _keyTarget;
    private ushort _keyPort;
    private EvidenceRef _keyEvidence;
    private Timestamp _keyTime;

    /// <summary>
    /// Tests one probe's unicornscan key against the candidate: the number of probes that newly carry the
    /// shared key (2 on the first repeat, which also makes the candidate evidence; 1 after; 0 on no match).
    /// </summary>
    public int MatchSynKey(uint key, in CraftedProbe o)
    {
        // Another target or destination port, not just another source port: a tool that steps seq and source
        // port by one together (nmap's SEQ probes do) keeps the key of probes to one port whenever no carry
        // differs, while a new destination port or address changes the key unless the tool derived seq from it.
        if (_hasKeyCandidate && key == _keyCandidate && (o.Destination != _keyTarget || o.DestinationPort != _keyPort))
        {
            if (_keyLocked) return 1;
            _keyLocked = true;
            AddEvidence(_keyEvidence, _keyTime, _keyTarget, _keyPort, hasPort: true);
            return 2;
        }

        if (!_keyLocked)
        {
            _hasKeyCandidate = true;
            _keyCandidate = key;
            _keyTarget = o.Destination;
            _keyPort = o.DestinationPort;
            _keyEvidence = o.Evidence;
            _keyTime = o.Time;
        }

        return 0;
    }

    /// <summary>
    /// Gives the held-apart OS-probe packets back to this source's crafted evidence when they did not make a
    /// fingerprinting run (so a lone odd packet is still reported), or drops them when they did: the
    /// os-fingerprint finding reports those.
    /// </summary>
    public void FoldOsProbes(bool run)
    {
        if (_part is not { OsProbeEvidence: { } held } part) return;
        if (!run)
        {
            part.Anomalous += part.OsProbeAnomalous;
            for (var i = 0; i < AnomalyKinds; i++) part.AnomalyCounts[i] += part.OsProbeAnomalyCounts![i];
            foreach (var (evidence, time, target, port, hasPort) in held) AddEvidence(evidence, time, target, port, hasPort);
        }

        part.OsProbeAnomalous = 0;
        part.OsProbeAnomalyCounts = null;
        part.OsProbeEvidence = null;
    }

    private void AddEvidence(EvidenceRef evidence, Timestamp time, HostAddress target, ushort port, bool hasPort)
    {
        var part = Part;
        part.Evidence.Add(evidence);
        if (part.Evidence.Total == 1 || time.UnixNanoseconds < part.EvidenceFirstSeen.UnixNanoseconds) part.EvidenceFirstSeen = time;
        if (part.Evidence.Total == 1 || time.UnixNanoseconds > part.EvidenceLastSeen.UnixNanoseconds) part.EvidenceLastSeen = time;
        (part.Targets ??= []).Add(target);
        if (hasPort) (part.Ports ??= new PortSet()).Add(port);
    }

    /// <param name="osProbe">The index in <see cref="OsProbes.All"/> of the OS-detection probe the packet is, or -1.</param>
    public void Add(in CraftedProbe o, int anomalies, bool anyToolMatch, int osProbe)
    {
        if (osProbe >= 0)
        {
            OsProbesSeen |= 1UL << osProbe;
            if (anomalies != 0 || anyToolMatch)
            {
                HoldOsProbe(o, anomalies);
                anomalies = 0;
                anyToolMatch = false;
            }
        }

        if (Probes == 0)
        {
            FirstSeen = o.Time;
            _firstTarget = o.Destination;
            _firstPort = o.DestinationPort;
            _firstProbeFlags = o.TcpFlags;
        }
        else if (!DistinctProbes && (o.Destination != _firstTarget || o.DestinationPort != _firstPort || o.TcpFlags != _firstProbeFlags))
        {
            DistinctProbes = true;
        }

        LastSeen = o.Time;
        Probes++;
        if (anomalies != 0)
        {
            var part = Part;
            part.Anomalous++;
            for (var i = 0; i < AnomalyKinds; i++)
            {
                if ((anomalies & (1 << i)) != 0) part.AnomalyCounts[i]++;
            }
        }

        if (anomalies != 0 || anyToolMatch) AddEvidence(o.Evidence, o.Time, o.Destination, o.DestinationPort, o.Has(ObservationFields.DestinationPort));
        if (o.Has(ObservationFields.IpId))
        {
            IpId.Add(o.IpId);
            if (o.IpId == 0 && !o.DontFragment) ZeroIdAlwaysDf = false;
        }

        if (o.Has(ObservationFields.Sequence)) Sequence.Add(o.Sequence);
        if (o.Has(ObservationFields.Acknowledgement)) Acknowledgement.Add(o.Acknowledgement);
        if (o.Has(ObservationFields.Window)) Window.Add(o.Window);
        if (o.Has(ObservationFields.Ttl)) Ttl.Add(o.Ttl);
        if (o.Has(ObservationFields.SourcePort)) SourcePort.Add(o.SourcePort);
        if (o.Has(ObservationFields.TcpFlags)) AddFlags(o.TcpFlags);
        if (o.Protocol == TransportProtocol.Udp) SawUdp = true;
    }

    private void HoldOsProbe(in CraftedProbe o, int anomalies)
    {
        var part = Part;
        part.OsProbeAnomalyCounts ??= new int[AnomalyKinds];
        if (anomalies != 0) part.OsProbeAnomalous++;
        for (var i = 0; i < AnomalyKinds; i++)
        {
            if ((anomalies & (1 << i)) != 0) part.OsProbeAnomalyCounts[i]++;
        }

        // Bounded like the evidence sample: an OS-detection run is a handful of packets per target. Beyond the
        // bound a fold gives back the anomaly counts in full but only the kept evidence references.
        part.OsProbeEvidence ??= [];
        if (part.OsProbeEvidence.Count < _evidenceCapacity)
        {
            part.OsProbeEvidence.Add((o.Evidence, o.Time, o.Destination, o.DestinationPort, o.Has(ObservationFields.DestinationPort)));
        }
    }

    private void AddFlags(TcpFlags flags)
    {
        if (DistinctFlagSets == 0)
        {
            FirstFlags = flags;
            DistinctFlagSets = 1;
            return;
        }

        if (flags == FirstFlags && _flagSets is null) return;
        if (_flagSets is null)
        {
            _flagSets = new ulong[FlagSetWords];
            Mark(FirstFlags);
        }

        if (Mark(flags)) DistinctFlagSets++;
    }

    private bool Mark(TcpFlags flags)
    {
        var bits = (int)flags & 0xFFF;
        ref var word = ref _flagSets![bits >> 6];
        var mask = 1UL << (bits & 63);
        if ((word & mask) != 0) return false;
        word |= mask;
        return true;
    }

    /// <summary>One count per <see cref="PacketAnomaly"/>, inline in the evidence part.</summary>
    [InlineArray(AnomalyKinds)]
    internal struct AnomalyTally
    {
        private int _count;
    }

    /// <summary>What only a source with evidence, anomalies or held-apart OS probes needs: made on the first of them.</summary>
    private sealed class EvidencePart(int evidenceCapacity)
    {
        public EvidenceSample Evidence { get; } = new(evidenceCapacity);

        public HashSet<HostAddress>? Targets;
        public PortSet? Ports;
        public Timestamp EvidenceFirstSeen;
        public Timestamp EvidenceLastSeen;
        public long Anomalous;
        public AnomalyTally AnomalyCounts;

        /// <summary>Anomalous OS-detection probes held apart (see <see cref="FoldOsProbes"/>), with their anomaly counts and evidence.</summary>
        public long OsProbeAnomalous;
        public int[]? OsProbeAnomalyCounts;
        public List<(EvidenceRef Evidence, Timestamp Time, HostAddress Target, ushort Port, bool HasPort)>? OsProbeEvidence;
    }
}
