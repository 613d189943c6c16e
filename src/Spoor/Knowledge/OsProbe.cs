using Spoor.Evidence;

namespace Spoor.Knowledge;

/// <summary>
/// One probe of an OS-detection run (a row of <c>os-probes.tsv</c>): TCP flags, window and option order, or
/// for UDP and ICMP a single distinctive value. Null members match anything.
/// </summary>
public sealed record OsProbe(string Name, TransportProtocol Protocol, TcpFlags? Flags, ushort? Window, byte[]? OptionKinds, uint? IpId, byte? IcmpCode, byte? Tos)
{
    /// <summary>The tool the probe belongs to: the probe name's first word with its generation digit dropped (<c>nmap2 T3</c> → <c>nmap</c>).</summary>
    public string Tool { get; } = Name.Split(' ')[0].TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');

    public bool Matches(in Observation o)
    {
        if (o.Protocol != Protocol) return false;
        if (Protocol == TransportProtocol.Tcp)
        {
            if (!o.Has(ObservationFields.TcpFlags) || !o.Has(ObservationFields.Window) || !o.Has(ObservationFields.TcpOptions)) return false;
            // Classic flags only: nmap's ECN probe also sets a reserved bit, which the crafted-packet detector reports.
            if (Flags is { } flags && (o.TcpFlags & TcpFlags.Classic) != flags) return false;
            if (Window is { } window && o.Window != window) return false;
            if (OptionKinds is { } kinds && !o.TcpOptionKinds.SequenceEqual(kinds)) return false;
            return true;
        }

        if (Protocol == TransportProtocol.Icmp)
        {
            // Both nmap IE probes are echo requests; what marks them is the odd code or TOS.
            if (!o.Has(ObservationFields.IcmpType) || o.IcmpType != EchoRequest) return false;
            if (IcmpCode is { } code && o.IcmpCode != code) return false;
            if (Tos is { } tos && !(o.Has(ObservationFields.Tos) && o.Tos == tos)) return false;
            return IcmpCode is not null || Tos is not null;
        }

        return IpId is { } id && o.Has(ObservationFields.IpId) && o.IpId == id;
    }

    private const byte EchoRequest = 8;
}
