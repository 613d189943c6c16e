using Spoor.Evidence;

namespace Spoor.Knowledge;

/// <summary>
/// The header values an OS-detection probe carries besides TCP flags, window and options (the tests column of
/// <c>os-probes.tsv</c>). Every value given must be present in the observation and equal; a probe with no
/// test at all for a protocol without flags would match every packet, so <see cref="IsEmpty"/> rows are refused.
/// </summary>
public sealed record OsProbeChecks
{
    public uint? IpId { get; init; }

    public byte? IcmpType { get; init; }

    public byte? IcmpCode { get; init; }

    public byte? Tos { get; init; }

    public ushort? SourcePort { get; init; }

    /// <summary>The DF bit must be set.</summary>
    public bool DontFragment { get; init; }

    /// <summary>The TTL seen must be at least this: the probe left with a higher initial TTL than stacks use.</summary>
    public byte? MinTtl { get; init; }

    /// <summary>The transport payload (UDP data, ICMP data after the 8-byte header) must be one of these sizes.</summary>
    public int[]? PayloadLengths { get; init; }

    public bool IsEmpty => IpId is null && IcmpType is null && IcmpCode is null && Tos is null && SourcePort is null
        && !DontFragment && MinTtl is null && PayloadLengths is null;

    public bool Pass(in Observation o)
    {
        if (IpId is { } id && !(o.Has(ObservationFields.IpId) && o.IpId == id)) return false;
        if (IcmpType is { } type && !(o.Has(ObservationFields.IcmpType) && o.IcmpType == type)) return false;
        if (IcmpCode is { } code && !(o.Has(ObservationFields.IcmpType) && o.IcmpCode == code)) return false;
        if (Tos is { } tos && !(o.Has(ObservationFields.Tos) && o.Tos == tos)) return false;
        if (SourcePort is { } port && !(o.Has(ObservationFields.SourcePort) && o.SourcePort == port)) return false;
        if (DontFragment && !(o.Has(ObservationFields.DontFragment) && o.DontFragment)) return false;
        if (MinTtl is { } ttl && !(o.Has(ObservationFields.Ttl) && o.Ttl >= ttl)) return false;
        if (PayloadLengths is { } lengths)
        {
            var payload = Payload(o);
            if (payload < 0 || Array.IndexOf(lengths, payload) < 0) return false;
        }

        return true;
    }

    /// <summary>Transport payload bytes, or -1 when the record does not say.</summary>
    private static int Payload(in Observation o)
    {
        if (o.Has(ObservationFields.PayloadLength)) return o.PayloadLength;
        if (o.Protocol == TransportProtocol.Icmp && o.Has(ObservationFields.IpLength) && o.Has(ObservationFields.IpHeaderLength)
            && o.FragmentOffset == 0 && !o.MoreFragments)
        {
            return Math.Max(o.IpLength - o.IpHeaderLength - IcmpHeaderLength, -1);
        }

        return -1;
    }

    private const int IcmpHeaderLength = 8;
}
