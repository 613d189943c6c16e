using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Detect;

/// <summary>
/// What one source's probe packets looked like: anomaly counts, the flag sets used, which header fields
/// stayed constant, how often each tool fingerprint matched, and the evidence.
/// </summary>
internal sealed class CraftedSourceState
{
    private const int FlagSetWords = 4096 / 64;
    private const int AnomalyKinds = 7;

    private HashSet<HostAddress>? _targets;
    private PortSet? _ports;
    private ulong[]? _flagSets;

    public CraftedSourceState(HostAddress source, int evidenceCapacity)
    {
        Source = source;
        Evidence = new EvidenceSample(evidenceCapacity);
        ToolMatches = new int[ToolFingerprints.All.Count];
    }

    public HostAddress Source { get; }

    public EvidenceSample Evidence { get; }

    public Timestamp FirstSeen { get; private set; }

    public Timestamp LastSeen { get; private set; }

    /// <summary>Probe packets seen (TCP without ACK, except bare resets, plus any anomalous packet).</summary>
    public long Probes { get; private set; }

    /// <summary>Probes with at least one anomaly.</summary>
    public long Anomalous { get; private set; }

    public int[] AnomalyCounts { get; } = new int[AnomalyKinds];

    public int[] ToolMatches { get; }

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
    public PortSet? Ports => _ports;

    /// <summary>Targets of the evidence packets.</summary>
    public IReadOnlyCollection<HostAddress> Targets => (IReadOnlyCollection<HostAddress>?)_targets ?? [];

    public Timestamp EvidenceFirstSeen { get; private set; }

    public Timestamp EvidenceLastSeen { get; private set; }

    public bool HasEvidence => Evidence.Total > 0;

    public void Add(in Observation o, int anomalies, bool anyToolMatch)
    {
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
            Anomalous++;
            for (var i = 0; i < AnomalyKinds; i++)
            {
                if ((anomalies & (1 << i)) != 0) AnomalyCounts[i]++;
            }
        }

        if (anomalies != 0 || anyToolMatch)
        {
            Evidence.Add(o.Evidence);
            if (Evidence.Total == 1) EvidenceFirstSeen = o.Time;
            EvidenceLastSeen = o.Time;
            (_targets ??= []).Add(o.Destination);
            if (o.Has(ObservationFields.DestinationPort)) (_ports ??= new PortSet()).Add(o.DestinationPort);
        }
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
}
