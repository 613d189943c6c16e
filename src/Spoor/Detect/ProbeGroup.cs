using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The probes one source sent to the ports of one finding (a backdoor search, a service probe): targets with
/// their probe counts, ports, times and evidence. Reused by the trojan-probe and service-probe detectors.
/// Most groups at a site hold one probe (a stray connection attempt), so the first probe's target, port and record
/// are kept in the group itself, and the collections are made only when a second target, port or probe comes.
/// </summary>
internal sealed class ProbeGroup
{
    private readonly int _evidenceCapacity;
    private HostAddress _firstTarget;
    private ushort _firstPort;
    private EvidenceRef _firstEvidence;

    /// <summary>Made when a second target is probed; until then every probe went to <see cref="_firstTarget"/>.</summary>
    private Dictionary<HostAddress, int>? _probesPerTarget;

    /// <summary>Made when a second port is probed; until then every probe went to <see cref="_firstPort"/>.</summary>
    private List<ushort>? _ports;

    /// <summary>Made on the second probe; until then the one record is <see cref="_firstEvidence"/>.</summary>
    private EvidenceSample? _evidence;

    public ProbeGroup(HostAddress source, int evidenceCapacity)
    {
        Source = source;
        _evidenceCapacity = evidenceCapacity;
    }

    public HostAddress Source { get; }

    public Timestamp FirstSeen { get; private set; }

    public Timestamp LastSeen { get; private set; }

    public long Packets { get; private set; }

    /// <summary>Probes whose log said nothing of the transport protocol (a Snort fast alert).</summary>
    public long ProtocolUnknown { get; private set; }

    public long Tcp { get; private set; }

    public long Udp { get; private set; }

    /// <summary>TCP probes that were plain SYNs (a connection attempt), where the flags were logged.</summary>
    public long Syn { get; private set; }

    /// <summary>The first port probed.</summary>
    public ushort FirstPort => _firstPort;

    /// <summary>Counts one probe (not a duplicate record of one already counted).</summary>
    public void Add(in Observation o)
    {
        if (Packets == 0)
        {
            FirstSeen = o.Time;
            _firstTarget = o.Destination;
            _firstPort = o.DestinationPort;
            _firstEvidence = o.Evidence;
        }
        else
        {
            if (_evidence is null)
            {
                _evidence = new EvidenceSample(_evidenceCapacity);
                _evidence.Add(_firstEvidence);
            }

            _evidence.Add(o.Evidence);
            if (_probesPerTarget is null && o.Destination != _firstTarget) _probesPerTarget = new() { [_firstTarget] = (int)Packets };
            if (_probesPerTarget is not null) CollectionsMarshal.GetValueRefOrAddDefault(_probesPerTarget, o.Destination, out _)++;
            if (_ports is null && o.DestinationPort != _firstPort) _ports = [_firstPort];
            if (_ports is not null && !_ports.Contains(o.DestinationPort)) _ports.Add(o.DestinationPort);
        }

        LastSeen = o.Time;
        Packets++;
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
    }

    /// <summary>True when <paramref name="test"/> holds for every target (in no particular order).</summary>
    public bool EveryTarget<TState>(TState state, Func<TState, HostAddress, bool> test)
    {
        if (_probesPerTarget is null) return Packets == 0 || test(state, _firstTarget);
        foreach (var target in _probesPerTarget.Keys)
        {
            if (!test(state, target)) return false;
        }

        return true;
    }

    /// <summary>The targets in ascending order.</summary>
    public List<HostAddress> SortedTargets()
    {
        if (_probesPerTarget is null) return Packets == 0 ? [] : [_firstTarget];
        var targets = new List<HostAddress>(_probesPerTarget.Keys);
        targets.Sort();
        return targets;
    }

    /// <summary>The ports in ascending order.</summary>
    public List<int> SortedPorts()
    {
        if (_ports is null) return Packets == 0 ? [] : [_firstPort];
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
        if (_probesPerTarget is null) return Packets == 0 ? null : (int)Packets;
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
            Evidence = _evidence is not null ? _evidence.Kept : _evidenceCapacity > 0 && Packets > 0 ? [_firstEvidence] : [],
            EvidenceTotal = Packets,
            Attributes = attributes,
            Detector = detector,
        };
    }
}
