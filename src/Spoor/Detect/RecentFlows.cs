using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The UDP flows seen lately, so a packet can be recognised as the answer to one (a DNS server's reply to a
/// client's ephemeral port is not a probe of that port). One instance is shared by the detectors that ask (see
/// <see cref="DetectorCatalog"/>): the first to ask about a record records its flow, and the others get the same
/// answer for the same record without recording it twice. Bounded by a <see cref="FlowMemory"/>; what it had to
/// push out early is counted.
/// </summary>
internal sealed class RecentFlows
{
    /// <summary>An answer comes within seconds; two minutes covers DNS, NTP, SNMP and RPC retries with margin.</summary>
    public const long ReplyWindowNanoseconds = 120 * Timestamp.NanosecondsPerSecond;

    private const byte Udp = 17;

    private readonly FlowMemory _flows;

    /// <summary>The last record asked about, by its evidence and flow, with the answer it got.</summary>
    private EvidenceRef _lastEvidence = new(-1, -1, EvidenceKind.Frame);
    private HostAddress _lastSource;
    private HostAddress _lastDestination;
    private ushort _lastSourcePort;
    private ushort _lastDestinationPort;
    private bool _lastAnswer;

    public RecentFlows(int capacity)
    {
        _flows = new FlowMemory(capacity);
    }

    public long Evicted => _flows.Displaced;

    /// <summary>Remembers the record's flow; true when it answers a flow seen within the reply window.</summary>
    public bool ObserveIsReply(in Observation o)
    {
        if (o.Evidence == _lastEvidence && o.SourcePort == _lastSourcePort && o.DestinationPort == _lastDestinationPort
            && o.Source == _lastSource && o.Destination == _lastDestination) return _lastAnswer;

        var now = o.Time.UnixNanoseconds;
        var reverse = FlowMemory.Digest(o.Destination, o.DestinationPort, o.Source, o.SourcePort, Udp);
        var reply = _flows.TryGet(reverse, out var then) && now - then <= ReplyWindowNanoseconds;
        _flows.Set(FlowMemory.Digest(o.Source, o.SourcePort, o.Destination, o.DestinationPort, Udp), now);
        _lastEvidence = o.Evidence;
        _lastSource = o.Source;
        _lastDestination = o.Destination;
        _lastSourcePort = o.SourcePort;
        _lastDestinationPort = o.DestinationPort;
        _lastAnswer = reply;
        return reply;
    }
}
