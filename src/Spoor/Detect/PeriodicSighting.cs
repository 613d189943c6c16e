using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The few fields of one occurrence the periodic detector keeps: when, where it is in the evidence, the target, and
/// the fields whose constancy or counting it reports. A flow seen once holds only this, inline in the flow table, so a
/// flood of one-off sources costs one table entry each and no object.
/// </summary>
internal readonly struct PeriodicSighting
{
    public PeriodicSighting(in Observation o)
    {
        Time = o.Time;
        Evidence = o.Evidence;
        Target = o.Destination;
        Fields = o.Fields;
        SourcePort = o.SourcePort;
        Sequence = o.Sequence;
        PayloadLength = o.PayloadLength;
        Ttl = o.Ttl;
        IpId = o.IpId;
        TimestampValue = o.TcpOptions.TimestampValue;
    }

    public Timestamp Time { get; }

    public EvidenceRef Evidence { get; }

    public HostAddress Target { get; }

    public ObservationFields Fields { get; }

    public ushort SourcePort { get; }

    public uint Sequence { get; }

    public int PayloadLength { get; }

    public byte Ttl { get; }

    public uint IpId { get; }

    public uint TimestampValue { get; }

    public bool Has(ObservationFields field) => (Fields & field) == field;
}
