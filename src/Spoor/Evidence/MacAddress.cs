using System.Buffers.Binary;

namespace Spoor.Evidence;

/// <summary>A 48-bit hardware address held in the low bits of a <see cref="ulong"/>.</summary>
public readonly record struct MacAddress(ulong Value)
{
    public const int Length = 6;

    public static MacAddress Read(ReadOnlySpan<byte> sixBytes) =>
        new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(sixBytes) << 32) | BinaryPrimitives.ReadUInt32BigEndian(sixBytes[2..]));

    public bool IsBroadcast => Value == 0xFFFF_FFFF_FFFFUL;

    public bool IsMulticast => (Value & 0x0100_0000_0000UL) != 0;

    /// <summary>Parses <c>aa:bb:cc:dd:ee:ff</c>, <c>aa-bb-…</c> or Cisco's <c>aabb.ccdd.eeff</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress mac)
    {
        mac = default;
        ulong value = 0;
        var nibbles = 0;
        foreach (var c in text)
        {
            int v;
            if (c is >= '0' and <= '9') v = c - '0';
            else if (c is >= 'a' and <= 'f') v = c - 'a' + 10;
            else if (c is >= 'A' and <= 'F') v = c - 'A' + 10;
            else if (c is ':' or '-' or '.') continue;
            else return false;

            value = (value << 4) | (uint)v;
            if (++nibbles > 12) return false;
        }

        if (nibbles != 12) return false;
        mac = new MacAddress(value);
        return true;
    }

    public bool TryFormat(Span<char> destination, out int written)
    {
        written = 0;
        if (destination.Length < 17) return false;
        for (var i = 0; i < Length; i++)
        {
            var b = (int)(Value >> (8 * (Length - 1 - i))) & 0xFF;
            var at = i * 3;
            destination[at] = HexDigit(b >> 4);
            destination[at + 1] = HexDigit(b & 0xF);
            if (i < Length - 1) destination[at + 2] = ':';
        }

        written = 17;
        return true;
    }

    private static char HexDigit(int v) => (char)(v < 10 ? '0' + v : 'a' + v - 10);

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[17];
        TryFormat(buffer, out _);
        return new string(buffer);
    }
}
