using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Snort's TCP flag string: one character per flag, the flag's letter when it is set and <c>*</c> when it
/// is clear (<c>***FRP**</c>, <c>**S*****</c>, <c>12UAPRSF</c>).
/// </summary>
/// <remarks>
/// The positions changed between releases: Snort 1.5's <c>log.c</c> prints six positions <c>SFRPAU</c> and
/// appends <c>2</c>/<c>1</c> only when those bits are set; the Snort 1.x releases and spp_portscan logs in the
/// seeds print eight positions <c>21SFRPAU</c> (the FRP probes read <c>***FRP**</c>); Snort 2.x's
/// <c>CreateTCPFlagString</c> prints <c>12UAPRSF</c>. Pasted traces also lose characters (<c>XMAS **F*P*U</c>),
/// so the string is read by letter, never by position.
/// <para>
/// The digits are Snort's names for the two high bits of the flags byte. Snort's <c>decode.h</c> defines
/// <c>TH_RES2 0x40</c> and <c>TH_RES1 0x80</c>, and <c>log.c</c> prints <c>'1'</c> for TH_RES1 and <c>'2'</c>
/// for TH_RES2; Snort 3's <c>tcp.h</c> states the equivalence outright (<c>#define TH_RES2 TH_ECE</c>,
/// <c>#define TH_RES1 TH_CWR</c>). So <c>1</c> is CWR (0x80) and <c>2</c> is ECE (0x40), the RFC 3168 bits
/// that were still "reserved" when Snort named them.
/// </para>
/// </remarks>
internal static class SnortTcpFlags
{
    public const int MaxLength = 8;

    /// <summary>Reads a flag string; false when it is empty, longer than eight characters or holds anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TcpFlags flags)
    {
        flags = TcpFlags.None;
        if (text.IsEmpty || text.Length > MaxLength) return false;
        foreach (var c in text)
        {
            var flag = c switch
            {
                '1' => TcpFlags.Cwr,
                '2' => TcpFlags.Ece,
                'U' => TcpFlags.Urg,
                'A' => TcpFlags.Ack,
                'P' => TcpFlags.Psh,
                'R' => TcpFlags.Rst,
                'S' => TcpFlags.Syn,
                'F' => TcpFlags.Fin,
                '*' => TcpFlags.None,
                _ => (TcpFlags)ushort.MaxValue,
            };
            if (flag == (TcpFlags)ushort.MaxValue) return false;
            flags |= flag;
        }

        return true;
    }
}
