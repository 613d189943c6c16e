using System.Text.Json.Nodes;
using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Detect;

/// <summary>
/// Targeted probing of one reconnaissance-worthy service (<see cref="ProbeServices"/>: portmapper, Solaris RPC
/// high ports, NetBIOS names, SNMP, finger, SOCKS and web proxies, POP3, IMAP and their TLS ports), one finding per source and
/// service, with the intent the port implies. A source that also probed more than a few ports outside the
/// table is port scanning (the scan detectors' question), so its hits on these ports are not reported here.
/// </summary>
/// <remarks>
/// SMTP relay testing is decided from session shapes (many short SMTP sessions that send little) by
/// <see cref="SmtpSessionTracker"/>, and reported as a service probe of <c>smtp</c> with its own attributes.
/// </remarks>
public sealed class ServiceProbeDetector : IDetector
{
    private const string SnmpService = "snmp";
    private const string PublicCommunity = "public";

    private readonly DetectionOptions _options;
    private readonly Dictionary<ServiceProbeKey, ProbeGroup> _groups = [];
    private readonly Dictionary<ServiceProbeKey, string> _communities = [];

    /// <summary>The SNMP version the packet stated (<c>1</c>, <c>2c</c>), where the community came from the payload.</summary>
    private readonly Dictionary<ServiceProbeKey, string> _snmpVersions = [];

    /// <summary>Digests of (client, server) pairs where the server answered the client over TCP (SYN-ACK or data).</summary>
    private readonly FlowMemory _conversations;

    private readonly SourcePortBreadth _breadth;
    private readonly SmtpSessionTracker _smtp;
    private long _evicted;

    public ServiceProbeDetector(DetectionOptions options)
        : this(options, new SourcePortBreadth(options.MaxSources))
    {
    }

    /// <summary>A detector that shares its table of sources' ports with the other probe detector.</summary>
    internal ServiceProbeDetector(DetectionOptions options, SourcePortBreadth breadth)
    {
        _options = options;
        _breadth = breadth;
        _conversations = new FlowMemory(options.MaxRecentFlows);
        _smtp = new SmtpSessionTracker(options);
    }

    public string Name => "service-probe";

    /// <summary>SMTP sessions are read whole; every other established segment is passed over.</summary>
    public EstablishedSegments ReadsEstablished => EstablishedSegments.Smtp;

    public long Evicted => _evicted + _breadth.Evicted + _conversations.Displaced + _smtp.Evicted;

    public void Observe(in Observation observation)
    {
        // SMTP sessions are read whole: their sizes are the evidence, so established segments go there first.
        _smtp.Observe(observation);

        // Segments of a completed handshake: the server's SYN-ACK already recorded the conversation.
        if (observation.Has(ObservationFields.Established)) return;
        if (IsAnswer(observation))
        {
            if (observation.Has(ObservationFields.Time)) _conversations.Set(Conversation(observation.Destination, observation.Source), observation.Time.UnixNanoseconds);
            return;
        }

        if (!ProbeClassifier.IsProbe(observation)) return;
        var source = observation.Source;
        _breadth.Add(observation);
        if (!ProbeServices.TryGet(observation.Protocol, observation.DestinationPort, out var service)) return;

        var key = new ServiceProbeKey(source, service.Name);
        if (!_groups.TryGetValue(key, out var group))
        {
            if (_groups.Count >= _options.MaxSources)
            {
                _evicted++;
                return;
            }

            _groups[key] = group = new ProbeGroup(source, _options.EvidencePerFinding);
        }

        group.Add(observation);
        if (service.Name == SnmpService && !_communities.ContainsKey(key)) ReadCommunity(observation, key);
    }

    /// <summary>The community of a source's first SNMP probe that shows it: from the packet's bytes, else from the sensor's alert.</summary>
    private void ReadCommunity(in Observation observation, ServiceProbeKey key)
    {
        if (observation.Has(ObservationFields.PayloadHead) && SnmpMessageHead.TryRead(observation.PayloadHead, out var version, out var community))
        {
            _communities[key] = community;
            _snmpVersions[key] = version;
        }
        else if (observation.Has(ObservationFields.Message)
            && HostTokenTable.Text(observation.MessageId).Contains(PublicCommunity, StringComparison.OrdinalIgnoreCase))
        {
            // The sensor's alert names the community (Snort's "SNMP public access"); the log holds no packet bytes.
            _communities[key] = PublicCommunity;
        }
    }

    public void Advance(Timestamp now, IFindingSink sink)
    {
        // Service probes are few and kept to the end, so probes of one service over days stay one finding;
        // only finished SMTP sessions are folded into their client's counts to free the session table.
        _smtp.Advance(now);
    }

    public void Complete(IFindingSink sink)
    {
        // Keys sorted with their groups beside them: no second look-up per key.
        var groups = new List<KeyValuePair<ServiceProbeKey, ProbeGroup>>(_groups);
        groups.Sort(static (a, b) =>
        {
            var c = a.Key.Source.CompareTo(b.Key.Source);
            return c != 0 ? c : string.CompareOrdinal(a.Key.Service, b.Key.Service);
        });
        foreach (var (key, group) in groups)
        {
            if (_breadth.Outside(key.Source, IsServicePort, _options.MaxPortsForTargetedProbe) is { Exceeded: true }) continue;
            if (IsClientOfEveryTarget(group)) continue;
            sink.Add(Build(key, group));
        }

        _smtp.Complete(sink, Name);
    }

    /// <summary>A port of the service table, over either protocol.</summary>
    private static bool IsServicePort(ushort port) =>
        ProbeServices.TryGet(TransportProtocol.Tcp, port, out _) || ProbeServices.TryGet(TransportProtocol.Udp, port, out _);

    private static ulong Conversation(HostAddress client, HostAddress server) => FlowMemory.Digest(client, 0, server, 0, 6);

    /// <summary>A TCP segment with ACK (not a reset) answers its destination: that host is the sender's client.</summary>
    private static bool IsAnswer(in Observation o) =>
        o.Protocol == TransportProtocol.Tcp && o.Has(ObservationFields.TcpFlags) && !o.Has(ObservationFields.Duplicate)
        && (o.TcpFlags & TcpFlags.Ack) != 0 && (o.TcpFlags & TcpFlags.Rst) == 0;

    /// <summary>
    /// Every target also served the source over TCP: the source is their client (a browser trying port 8080 on
    /// the web server it is using), not a prober looking for the service.
    /// </summary>
    private bool IsClientOfEveryTarget(ProbeGroup group) =>
        group.EveryTarget((Conversations: _conversations, Client: group.Source), static (s, target) => s.Conversations.Contains(Conversation(s.Client, target)));

    private Finding Build(ServiceProbeKey key, ProbeGroup group)
    {
        ProbeServices.TryGet(TransportProtocol.None, group.FirstPort, out var service);
        var probes = group.Packets;
        // One probe of a service is a probe: it may be a stray or legitimate client. Repeats and further
        // targets make purposeful probing likelier: 0.5 for one probe, about 0.87 for seven (seed 003's
        // portmapper retries), near 0.99 for a sweep of tens.
        var confidence = Math.Min(MaxConfidence, 1 - (1 - SingleProbeConfidence) * Math.Pow(FurtherProbeDoubt, probes - 1));
        var attributes = new JsonObject
        {
            ["method"] = "service-port-table",
            ["service"] = service.Name,
            ["intent"] = service.Intent,
            ["probes"] = probes,
            ["confidence_basis"] = probes == 1 ? "single-service-probe" : "repeated-service-probes",
        };
        if (group.UniformProbesPerTarget() is { } perTarget) attributes["probes_per_target"] = perTarget;
        if (_communities.TryGetValue(key, out var community)) attributes["community"] = community;
        if (_snmpVersions.TryGetValue(key, out var version)) attributes["snmp_version"] = version;
        if (group.ProtocolUnknown > 0) attributes["protocol_logged"] = false;
        var finding = group.ToFinding(FindingKind.ServiceProbe, Name, probes, confidence, attributes);
        return group.ProtocolUnknown == probes ? finding with { Protocol = ProtocolOf(service.Name) } : finding;
    }

    /// <summary>Where the log did not say, the protocol the service is normally reached over.</summary>
    private static FindingProtocol ProtocolOf(string service) => service switch
    {
        SnmpService or "netbios-ns" => FindingProtocol.Udp,
        "portmapper" => FindingProtocol.Mixed,
        _ => FindingProtocol.Tcp,
    };

    private const double SingleProbeConfidence = 0.5;
    private const double FurtherProbeDoubt = 0.8;
    private const double MaxConfidence = 0.99;
}
