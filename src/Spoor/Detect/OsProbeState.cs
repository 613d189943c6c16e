using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>The OS-detection probes one source sent one target: which of the known probes, when, and the evidence.</summary>
internal sealed class OsProbeState
{
    private readonly List<ushort> _ports = [];

    public OsProbeState(int evidenceCapacity)
    {
        Evidence = new EvidenceSample(evidenceCapacity);
    }

    public EvidenceSample Evidence { get; }

    /// <summary>Bit i set: probe i of <see cref="Knowledge.OsProbes.All"/> was seen.</summary>
    public ulong Seen { get; private set; }

    public Timestamp FirstSeen { get; private set; }

    public Timestamp LastSeen { get; private set; }

    public bool Tcp { get; private set; }

    public bool Other { get; private set; }

    public IReadOnlyList<ushort> Ports => _ports;

    public void Add(in Observation o, int probe)
    {
        if (Evidence.Total == 0) FirstSeen = o.Time;
        LastSeen = o.Time;
        Seen |= 1UL << probe;
        Evidence.Add(o.Evidence);
        if (o.Protocol == TransportProtocol.Tcp) Tcp = true;
        else Other = true;
        if (o.Has(ObservationFields.DestinationPort) && !_ports.Contains(o.DestinationPort)) _ports.Add(o.DestinationPort);
    }
}
