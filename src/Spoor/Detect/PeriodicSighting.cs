using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The few fields of one occurrence the periodic detector keeps: when, where it is in the evidence, the target, and
/// the fields whose constancy or counting it reports. A flow seen once holds only this, inline in the flow table, so a
/// flood of one-off sources costs one table entry each and no object. The time and the evidence reference are held
/// by their parts, widest first, so the whole takes 80 bytes instead of the 96 the composite values' padding costs.
/// </summary>
internal readonly struct PeriodicSighting
{
    private readonly long _time;
    private readonly long _evidenceNumber;
    private readonly int _evidenceInput;
    private readonly byte _fractionDigits;
    private readonly EvidenceKind _evidenceKind;

    public PeriodicSighting(in Observation o)
    {
        _time = o.Time.UnixNanoseconds;
        _fractionDigits = o.Time.FractionDigits;
        _evidenceNumber = o.Evidence.Number;
        _evidenceInput = o.Evidence.Input;
        _evidenceKind = o.Evidence.Kind;
        Target = o.Destination;
        Fields = o.Fields;
        SourcePort = o.SourcePort;
        Sequence = o.Sequence;
        PayloadLength = o.PayloadLength;
        Ttl = o.Ttl;
        IpId = o.IpId;
        TimestampValue = o.TcpOptions.TimestampValue;
    }

    public Timestamp Time => new(_time, _fractionDigits);

    public EvidenceRef Evidence => new(_evidenceInput, _evidenceNumber, _evidenceKind);

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
