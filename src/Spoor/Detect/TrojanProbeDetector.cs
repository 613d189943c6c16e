using System.Text.Json.Nodes;
using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Detect;

/// <summary>
/// Probes of ports that known backdoors listen on (<see cref="TrojanPorts"/>), one finding per source. The
/// protocol must match the backdoor's (UDP 12345 is not NetBus); a log that does not name the protocol
/// matches either, and the finding says so. A source that also probed more than a few ports outside the table
/// is port scanning, which the scan detectors report; its backdoor ports are left to them.
/// Where the payload was captured, a UDP packet that decrypts under Back Orifice's default key to BO's magic
/// is a Back Orifice packet on whatever port it went to: named by its content (method <c>payload-signature</c>,
/// near certainty), apart from the port-table findings and reported even for a source that also scans.
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

    /// <summary>Sources that sent Back Orifice packets (recognised by payload), with the commands seen as a bit per command number.</summary>
    private readonly Dictionary<HostAddress, ProbeGroup> _backOrifice = [];
    private readonly Dictionary<HostAddress, ulong> _backOrificeCommands = [];
    private readonly SourcePortBreadth _breadth;
    private long _evicted;

    public TrojanProbeDetector(DetectionOptions options)
        : this(options, new SourcePortBreadth(options.MaxSources))
    {
    }

    /// <summary>A detector that shares its table of sources' ports with the other probe detector.</summary>
    internal TrojanProbeDetector(DetectionOptions options, SourcePortBreadth breadth)
    {
        _options = options;
        _breadth = breadth;
    }

    public string Name => "trojan-probe";

    /// <summary>Probes are sent outside connections: an established segment is never one (<see cref="ProbeClassifier"/>).</summary>
    public EstablishedSegments ReadsEstablished => EstablishedSegments.None;

    public long Evicted => _evicted + _breadth.Evicted;

    public void Observe(in Observation observation)
    {
        if (!ProbeClassifier.IsProbe(observation)) return;
        var source = observation.Source;
        _breadth.Add(observation);
        if (observation.Protocol == TransportProtocol.Udp && observation.Has(ObservationFields.PayloadHead)
            && BackOrificePacket.TryRecognise(observation.PayloadHead, out var type))
        {
            AddBackOrifice(observation, type);
            return;
        }

        if (!TryBackdoors(observation, out _)) return;
        GroupOf(_groups, source)?.Add(observation);
    }

    private void AddBackOrifice(in Observation observation, byte type)
    {
        var source = observation.Source;
        var group = GroupOf(_backOrifice, source);
        if (group is null) return;
        group.Add(observation);
        _backOrificeCommands[source] = _backOrificeCommands.GetValueOrDefault(source) | (1UL << (type & BackOrificePacket.CommandMask));
    }

    /// <summary>The source's group in <paramref name="groups"/>, made on its first probe; null (and counted) when the table is full.</summary>
    private ProbeGroup? GroupOf(Dictionary<HostAddress, ProbeGroup> groups, HostAddress source)
    {
        if (groups.TryGetValue(source, out var group)) return group;
        if (groups.Count >= _options.MaxSources)
        {
            _evicted++;
            return null;
        }

        groups[source] = group = new ProbeGroup(source, _options.EvidencePerFinding);
        return group;
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
            var breadth = _breadth.Outside(source, IsBackdoorPort, _options.MaxPortsForTargetedProbe);
            if (breadth is { Exceeded: true }) continue;
            sink.Add(Build(_groups[source], breadth));
        }

        // A decrypted BO packet names the backdoor by its content, so a source that also scans still gets it.
        sources = new List<HostAddress>(_backOrifice.Keys);
        sources.Sort();
        foreach (var source in sources)
        {
            sink.Add(BuildBackOrifice(_backOrifice[source], _backOrificeCommands[source]));
        }
    }

    private Finding BuildBackOrifice(ProbeGroup group, ulong commandBits)
    {
        var commands = new JsonArray();
        var names = new JsonArray();
        for (var command = 0; command <= BackOrificePacket.CommandMask; command++)
        {
            if ((commandBits & (1UL << command)) == 0) continue;
            commands.Add(command);
            if (BackOrificePacket.TryGetCommandName(command, out var name)) names.Add(name);
        }

        var byPort = new JsonObject();
        var ports = group.SortedPorts();
        foreach (var port in ports)
        {
            byPort[port.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonArray(BackOrificeName);
        }

        var attributes = new JsonObject
        {
            ["method"] = "payload-signature",
            ["backdoors"] = new JsonArray(BackOrificeName),
            ["backdoors_by_port"] = byPort,
            ["probes"] = group.Packets,
            ["protocol_logged"] = true,
            ["bo_key"] = "default",
            ["bo_commands"] = commands,
            ["bo_command_names"] = names,
        };
        if (group.UniformProbesPerTarget() is { } perTarget) attributes["probes_per_target"] = perTarget;
        return group.ToFinding(FindingKind.TrojanProbe, Name, group.Packets, PayloadSignatureConfidence, attributes, BackOrificeTool);
    }

    private static bool IsBackdoorPort(ushort port) =>
        TrojanPorts.TryGet(TransportProtocol.Tcp, port, out _) || TrojanPorts.TryGet(TransportProtocol.Udp, port, out _);

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

        return group.ToFinding(FindingKind.TrojanProbe, Name, probes, confidence, attributes);
    }

    private static IEnumerable<TransportProtocol> ProtocolsOf(ProbeGroup group)
    {
        if (group.Tcp > 0 || group.ProtocolUnknown > 0) yield return TransportProtocol.Tcp;
        if (group.Udp > 0 || group.ProtocolUnknown > 0) yield return TransportProtocol.Udp;
    }

    private const string BackOrificeName = "Back Orifice";

    /// <summary>The program that sends BO packets: the BO client (or a scanner speaking its protocol).</summary>
    private const string BackOrificeTool = "back-orifice";

    /// <summary>
    /// Eight magic bytes matching under the default key by chance: 2^-64 per packet. The rest of the doubt is
    /// that someone replays or crafts BO packets without running BO, which is still a BO probe.
    /// </summary>
    private const double PayloadSignatureConfidence = 0.99;

    private const double SingleProbeConfidence = 0.6;
    private const double FurtherProbeDoubt = 0.7;
    private const double MaxConfidence = 0.99;

    /// <summary>When the log did not name the protocol, the backdoor match rests on the port alone.</summary>
    private const double UnknownProtocolFactor = 0.8;
}
