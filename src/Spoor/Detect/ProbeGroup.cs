using System.Text.Json.Nodes;
using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The probes one source sent to the ports of one finding (a backdoor search, a service probe): targets with
/// their probe counts, ports, times and evidence. Reused by the trojan-probe and service-probe detectors.
/// </summary>
internal sealed class ProbeGroup
{
    private readonly Dictionary<HostAddress, int> _probesPerTarget = [];
    private readonly List<ushort> _ports = [];

    public ProbeGroup(HostAddress source, int evidenceCapacity)
    {
        Source = source;
        Evidence = new EvidenceSample(evidenceCapacity);
    }

    public HostAddress Source { get; }

    public EvidenceSample Evidence { get; }

    public Timestamp FirstSeen { get; private set; }

    public Timestamp LastSeen { get; private set; }

    public long Packets { get; private set; }

    /// <summary>Probes whose log said nothing of the transport protocol (a Snort fast alert).</summary>
    public long ProtocolUnknown { get; private set; }

    public long Tcp { get; private set; }

    public long Udp { get; private set; }

    /// <summary>TCP probes that were plain SYNs (a connection attempt), where the flags were logged.</summary>
    public long Syn { get; private set; }

    public IReadOnlyDictionary<HostAddress, int> ProbesPerTarget => _probesPerTarget;

    public IReadOnlyList<ushort> Ports => _ports;

    /// <summary>Counts one probe (not a duplicate record of one already counted).</summary>
    public void Add(in Observation o)
    {
        if (Packets == 0) FirstSeen = o.Time;
        LastSeen = o.Time;
        Packets++;
        Evidence.Add(o.Evidence);
        switch (o.Protocol)
        {
            case TransportProtocol.Tcp:
                Tcp++;
                if (o.Has(ObservationFields.TcpFlags) && (o.TcpFlags & TcpFlags.Classic) == TcpFlags.Syn) Syn++;
                break;
            case TransportProtocol.Udp:
                Udp++;
                break;
            default:
                ProtocolUnknown++;
                break;
        }

        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_probesPerTarget, o.Destination, out _);
        count++;
        if (!_ports.Contains(o.DestinationPort)) _ports.Add(o.DestinationPort);
    }

    /// <summary>The targets in ascending order.</summary>
    public List<HostAddress> SortedTargets()
    {
        var targets = new List<HostAddress>(_probesPerTarget.Keys);
        targets.Sort();
        return targets;
    }

    /// <summary>The ports in ascending order.</summary>
    public List<int> SortedPorts()
    {
        var ports = new List<int>(_ports.Count);
        foreach (var p in _ports) ports.Add(p);
        ports.Sort();
        return ports;
    }

    /// <summary>The contract's protocol for the probes.</summary>
    public FindingProtocol Protocol() =>
        Tcp > 0 && Udp > 0 ? FindingProtocol.Mixed : Udp > 0 ? FindingProtocol.Udp : FindingProtocol.Tcp;

    /// <summary>The technique when every probe was of one kind: SYN or UDP; null when mixed or not logged.</summary>
    public ScanTechnique? Technique() =>
        Udp == Packets ? ScanTechnique.Udp : Syn == Packets ? ScanTechnique.Syn : null;

    /// <summary>Probes per target when every target got the same number (the NetBIOS sweep's 3), else null.</summary>
    public int? UniformProbesPerTarget()
    {
        var first = -1;
        foreach (var count in _probesPerTarget.Values)
        {
            if (first < 0) first = count;
            else if (count != first) return null;
        }

        return first < 0 ? null : first;
    }

    /// <summary>The finding this group makes: who probed what, when, how often, with the evidence kept.</summary>
    public Finding ToFinding(FindingKind kind, string detector, long packets, double confidence, JsonObject attributes, string? tool = null)
    {
        var ports = SortedPorts();
        return new Finding
        {
            Kind = kind,
            Technique = Technique(),
            Protocol = Protocol(),
            Sources = [Source],
            Targets = SortedTargets(),
            PortCount = ports.Count,
            Ports = ports,
            FirstSeen = FirstSeen,
            LastSeen = LastSeen,
            Packets = packets,
            Confidence = Math.Round(confidence, 3),
            Tool = tool,
            Evidence = Evidence.Kept,
            EvidenceTotal = Evidence.Total,
            Attributes = attributes,
            Detector = detector,
        };
    }
}
