using Spoor.Evidence;

namespace Spoor.Knowledge;

/// <summary>
/// One probe of an OS-detection run (a row of <c>os-probes.tsv</c>): TCP flags, window and option order, and
/// header values (<see cref="OsProbeChecks"/>). Null members match anything; an empty option list means none.
/// </summary>
/// <param name="Name">The probe's name: its generation or tool, then the probe or module (<c>nmap2 T3</c>, <c>xprobe2 icmp_echo</c>).</param>
/// <param name="Tool">The tool that sends it.</param>
/// <param name="Ordinary">Ordinary traffic can carry this packet too, so it counts towards a run but cannot make one alone.</param>
public sealed record OsProbe(string Name, string Tool, TransportProtocol Protocol, TcpFlags? Flags, ushort? Window, byte[]? OptionKinds,
    OsProbeChecks Checks, bool Ordinary)
{
    /// <summary>The probe's part of <see cref="Name"/> after the tool or generation word (<c>T3</c>, <c>icmp_echo</c>).</summary>
    public string Module { get; } = Name[(Name.IndexOf(' ', StringComparison.Ordinal) + 1)..];

    /// <summary>The first word of <see cref="Name"/>: the tool and generation (<c>nmap1</c>, <c>nmap2</c>, <c>xprobe2</c>).</summary>
    public string Generation { get; } = Name.Split(' ')[0];

    public bool Matches(in Observation o)
    {
        if (o.Protocol != Protocol) return false;
        if (Protocol == TransportProtocol.Tcp)
        {
            if (!o.Has(ObservationFields.TcpFlags) || !o.Has(ObservationFields.Window)) return false;
            // Classic flags only: nmap's ECN probe also sets a reserved bit.
            if (Flags is { } flags && (o.TcpFlags & TcpFlags.Classic) != flags) return false;
            if (Window is { } window && o.Window != window) return false;
            if (OptionKinds is { } kinds)
            {
                if (o.Has(ObservationFields.TcpOptions))
                {
                    if (!o.TcpOptionKinds.SequenceEqual(kinds)) return false;
                }
                else if (kinds.Length > 0 || !(o.Has(ObservationFields.TcpHeaderLength) && o.TcpHeaderLength == MinimumTcpHeader))
                {
                    // The decoder lists options only for headers longer than 20 bytes; a record that gives
                    // neither cannot show that it carried none.
                    return false;
                }
            }
        }

        return Checks.Pass(o);
    }

    private const int MinimumTcpHeader = 20;
}
