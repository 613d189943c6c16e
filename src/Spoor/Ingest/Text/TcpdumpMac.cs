using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// A hardware address as tcpdump prints it: six colon-separated parts of one or two hex digits (tcpdump 3.x drops
/// leading zeros: <c>0:a0:c9:1:2:3</c>), or <c>Broadcast</c>. Parts a publisher masked (<c>0:a0:c9:xx:yy:zz</c>)
/// keep the token's shape but leave the address unknown.
/// </summary>
internal static class TcpdumpMac
{
    private const int Parts = 6;

    /// <summary>False when the text is not shaped like a MAC address; <paramref name="known"/> false when it is, but masked.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress mac, out bool known)
    {
        mac = default;
        known = false;
        if (text.SequenceEqual("Broadcast") || text.SequenceEqual("broadcast"))
        {
            mac = new MacAddress(0xFFFF_FFFF_FFFFUL);
            known = true;
            return true;
        }

        ulong value = 0;
        var parts = 0;
        var masked = false;
        foreach (var range in text.Split(':'))
        {
            var part = text[range];
            if (part.Length is < 1 or > 2 || ++parts > Parts) return false;
            var partValue = 0;
            foreach (var c in part)
            {
                if (char.IsAsciiHexDigit(c)) partValue = (partValue << 4) | HexValue(c);
                else if (char.IsAsciiLetter(c)) masked = true;
                else return false;
            }

            value = (value << 8) | (uint)partValue;
        }

        if (parts != Parts) return false;
        known = !masked;
        if (known) mac = new MacAddress(value);
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
