using System.Text;

namespace Spoor.Knowledge;

/// <summary>
/// Reads the version and community string from the start of an SNMPv1 (RFC 1157) or SNMPv2c (RFC 1901) message:
/// a BER SEQUENCE (0x30, length) holding INTEGER version (0x02 0x01 v) and OCTET STRING community (0x04, length,
/// bytes), per X.690's definite-length encoding. Works on the first bytes of a UDP payload; anything else
/// (SNMPv3, which has no community, a truncated head, indefinite or oversized lengths) is declined, never guessed.
/// </summary>
public static class SnmpMessageHead
{
    private const byte SequenceTag = 0x30;
    private const byte IntegerTag = 0x02;
    private const byte OctetStringTag = 0x04;
    private const byte LongFormFlag = 0x80;
    private const int MaxLengthOctets = 2;
    private const byte FirstPrintable = 0x20;
    private const byte LastPrintable = 0x7E;

    /// <summary>
    /// True when <paramref name="head"/> starts an SNMP v1 or v2c message whose community lies wholly inside it and
    /// is printable ASCII; <paramref name="version"/> is <c>1</c> or <c>2c</c>.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> head, out string version, out string community)
    {
        version = community = "";
        var position = 0;
        if (!TryHeader(head, ref position, SequenceTag, out _)) return false;
        if (!TryHeader(head, ref position, IntegerTag, out var versionLength) || versionLength != 1 || position >= head.Length) return false;
        var versionValue = head[position++];
        string? name = versionValue switch
        {
            0 => "1",
            1 => "2c",
            _ => null,
        };
        if (name is null) return false;
        if (!TryHeader(head, ref position, OctetStringTag, out var communityLength) || communityLength > head.Length - position) return false;
        var bytes = head.Slice(position, communityLength);
        foreach (var b in bytes)
        {
            if (b is < FirstPrintable or > LastPrintable) return false;
        }

        version = name;
        community = Encoding.ASCII.GetString(bytes);
        return true;
    }

    // A tag byte and a definite length (short form, or long form in one or two octets).
    private static bool TryHeader(ReadOnlySpan<byte> head, ref int position, byte tag, out int length)
    {
        length = 0;
        if (position + 2 > head.Length || head[position] != tag) return false;
        var first = head[position + 1];
        position += 2;
        if ((first & LongFormFlag) == 0)
        {
            length = first;
            return true;
        }

        var octets = first & ~LongFormFlag;
        if (octets is 0 or > MaxLengthOctets || position + octets > head.Length) return false;
        for (var i = 0; i < octets; i++) length = (length << 8) | head[position++];
        return true;
    }
}
