using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The UDP flows seen lately, so a record can be recognised as the answer to one (a DNS server's reply to a client's
/// ephemeral port is not a probe of that port). The detection engine asks once per record and marks answers
/// <see cref="ObservationFields.Reply"/>, so every detector, on either thread, reads the same answer from the record
/// itself. Bounded by a <see cref="FlowMemory"/>; what it had to push out early is counted.
/// </summary>
internal sealed class RecentFlows
{
    /// <summary>An answer comes within seconds; two minutes covers DNS, NTP, SNMP and RPC retries with margin.</summary>
    public const long ReplyWindowNanoseconds = 120 * Timestamp.NanosecondsPerSecond;

    private const byte Udp = 17;

    private readonly FlowMemory _flows;

    public RecentFlows(int capacity)
    {
        _flows = new FlowMemory(capacity);
    }

    public long Evicted => _flows.Displaced;

    /// <summary>
    /// Remembers the flow of a UDP record (or a log record with both ports and no protocol: SMB name queries and their
    /// replies both run 137 to 137, and only the order tells them apart) and marks it <see cref="ObservationFields.Reply"/>
    /// when it answers a flow seen within the reply window. Other records, and other sensors' copies, are left alone.
    /// </summary>
    public void Mark(ref Observation o)
    {
        if (o.Protocol is not (TransportProtocol.Udp or TransportProtocol.None) || o.Has(ObservationFields.Duplicate)) return;
        if (!o.Has(ObservationFields.Ports | ObservationFields.Destination | ObservationFields.Time)) return;
        if (ObserveIsReply(in o)) o.Set(ObservationFields.Reply);
    }

    /// <summary>Remembers the record's flow; true when it answers a flow seen within the reply window.</summary>
    private bool ObserveIsReply(in Observation o)
    {
        var now = o.Time.UnixNanoseconds;
        var reverse = FlowMemory.Digest(o.Destination, o.DestinationPort, o.Source, o.SourcePort, Udp);
        var reply = _flows.TryGet(reverse, out var then) && now - then <= ReplyWindowNanoseconds;
        _flows.Set(FlowMemory.Digest(o.Source, o.SourcePort, o.Destination, o.DestinationPort, Udp), now);
        return reply;
    }
}
