using System.Text.Json.Nodes;
using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Detect;

/// <summary>
/// Probes of ports that known backdoors listen on (<see cref="TrojanPorts"/>), one finding per source. The
/// protocol must match the backdoor's (UDP 12345 is not NetBus); a log that does not name the protocol
/// matches either, and the finding says so. A source that also probed more than a few ports outside the table
/// is port scanning, which the scan detectors report; its backdoor ports are left to them.
/// </summary>
/// <remarks>
/// One finding per source, not one per target with every source: the apparent sources are distinct hosts,
/// and nothing in a probe of one port says two sources are one actor (seed 001 detect 1 asks exactly that
/// and cannot answer it from the data). Grouping sources into an actor needs evidence across findings (hop
/// counts, timing, tool fingerprints) and belongs to the assessment, which sees all the findings.
/// </remarks>
public sealed class TrojanProbeDetector : IDetector
{
    private readonly DetectionOptions _options;
    private readonly Dictionary<HostAddress, ProbeGroup> _groups = [];
    private readonly RecentFlows _udpFlows;
    private readonly SourcePortBreadth _breadth;
    private long _evicted;

    public TrojanProbeDetector(DetectionOptions options)
        : this(options, new RecentFlows(options.MaxRecentFlows))
    {
    }

    /// <summary>A detector that shares its memory of recent UDP flows with the other probe detectors.</summary>
    internal TrojanProbeDetector(DetectionOptions options, RecentFlows udpFlows)
    {
        _options = options;
        _breadth = new SourcePortBreadth(options.MaxSources, options.MaxPortsForTargetedProbe);
        _udpFlows = udpFlows;
    }

    public string Name => "trojan-probe";

    public long Evicted => _evicted + _breadth.Evicted;

    public void Observe(in Observation observation)
    {
        if (!ProbeClassifier.IsProbe(observation, _udpFlows)) return;
        var source = observation.Source;
        if (!TryBackdoors(observation, out _))
        {
            _breadth.Add(source, observation.DestinationPort);
            return;
        }

        if (!_groups.TryGetValue(source, out var group))
        {
            if (_groups.Count >= _options.MaxSources)
            {
                _evicted++;
                return;
            }

            _groups[source] = group = new ProbeGroup(source, _options.EvidencePerFinding);
        }

        group.Add(observation);
    }

    public void Advance(Timestamp now, IFindingSink sink)
    {
        // Probes of backdoor ports are rare; the groups are few and kept to the end so a slow search over
        // days stays one finding.
    }

    public void Complete(IFindingSink sink)
    {
        var sources = new List<HostAddress>(_groups.Keys);
        sources.Sort();
        foreach (var source in sources)
        {
            var breadth = _breadth.Find(source);
            if (breadth is { Exceeded: true }) continue;
            sink.Add(Build(_groups[source], breadth));
        }
    }

    private static bool TryBackdoors(in Observation o, out string[] backdoors)
    {
        if (o.Protocol == TransportProtocol.None)
        {
            return TrojanPorts.TryGet(TransportProtocol.Tcp, o.DestinationPort, out backdoors) || TrojanPorts.TryGet(TransportProtocol.Udp, o.DestinationPort, out backdoors);
        }

        return TrojanPorts.TryGet(o.Protocol, o.DestinationPort, out backdoors);
    }

    private Finding Build(ProbeGroup group, PortBreadth? breadth)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var byPort = new JsonObject();
        foreach (var port in group.SortedPorts())
        {
            var portNames = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var protocol in ProtocolsOf(group))
            {
                if (TrojanPorts.TryGet(protocol, (ushort)port, out var found)) portNames.UnionWith(found);
            }

            names.UnionWith(portNames);
            byPort[port.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonArray([.. portNames.Select(n => JsonValue.Create(n))]);
        }

        var probes = group.Packets;
        // A single probe of a backdoor port is a probe, not proof of a search: a stray or mistyped connection
        // can hit one. Each further probe makes chance less likely; 0.6 for one, about 0.86 for three.
        var confidence = Math.Min(MaxConfidence, 1 - (1 - SingleProbeConfidence) * Math.Pow(FurtherProbeDoubt, probes - 1));
        if (group.ProtocolUnknown > 0) confidence *= UnknownProtocolFactor;
        var attributes = new JsonObject
        {
            ["method"] = "backdoor-port-table",
            ["backdoors"] = new JsonArray([.. names.Select(n => JsonValue.Create(n))]),
            ["backdoors_by_port"] = byPort,
            ["probes"] = probes,
            ["protocol_logged"] = group.ProtocolUnknown == 0,
            ["confidence_basis"] = probes == 1 ? "single-backdoor-probe" : "repeated-backdoor-probes",
        };
        if (group.UniformProbesPerTarget() is { } perTarget) attributes["probes_per_target"] = perTarget;
        if (breadth is { Count: > 0 })
        {
            // Ports outside the table from the same source (seed 001 detect 1's 27347 beside SubSeven's 27374):
            // quoted, not named, since a digit slip and an unknown backdoor look the same.
            var other = new List<int>(breadth.Count);
            foreach (var port in breadth.Ports) other.Add(port);
            other.Sort();
            attributes["other_ports"] = new JsonArray([.. other.Select(p => JsonValue.Create(p))]);
        }

        var ports = group.SortedPorts();
        return new Finding
        {
            Kind = FindingKind.TrojanProbe,
            Technique = group.Technique(),
            Protocol = group.Protocol(),
            Sources = [group.Source],
            Targets = group.SortedTargets(),
            PortCount = ports.Count,
            Ports = ports,
            FirstSeen = group.FirstSeen,
            LastSeen = group.LastSeen,
            Packets = probes,
            Confidence = Math.Round(confidence, 3),
            Evidence = group.Evidence.Kept,
            EvidenceTotal = group.Evidence.Total,
            Attributes = attributes,
            Detector = Name,
        };
    }

    private static IEnumerable<TransportProtocol> ProtocolsOf(ProbeGroup group)
    {
        if (group.Tcp > 0 || group.ProtocolUnknown > 0) yield return TransportProtocol.Tcp;
        if (group.Udp > 0 || group.ProtocolUnknown > 0) yield return TransportProtocol.Udp;
    }

    private const double SingleProbeConfidence = 0.6;
    private const double FurtherProbeDoubt = 0.7;
    private const double MaxConfidence = 0.99;

    /// <summary>When the log did not name the protocol, the backdoor match rests on the port alone.</summary>
    private const double UnknownProtocolFactor = 0.8;
}
