using System.Buffers.Binary;
using System.Globalization;

namespace Spoor.Evidence;

/// <summary>
/// A host identity: an IPv4 or IPv6 address held inline (no allocation), or an interned token for
/// anonymised and named hosts that logs print instead of addresses. Tokens compare, hash and order like
/// addresses, but cannot be routed or classified.
/// </summary>
public readonly struct HostAddress : IEquatable<HostAddress>, IComparable<HostAddress>
{
    private readonly ulong _high;
    private readonly ulong _low;

    private HostAddress(HostAddressKind kind, ulong high, ulong low)
    {
        Kind = kind;
        _high = high;
        _low = low;
    }

    public HostAddressKind Kind { get; }

    public bool IsNone => Kind == HostAddressKind.None;

    /// <summary>
    /// True for an address no host can send from onto a network (RFC 1122 3.2.1.3, RFC 5735, RFC 4291): IPv4
    /// "this network" 0/8, loopback 127/8 unless <paramref name="destination"/> is loopback too (a capture on the
    /// loopback interface), multicast 224/4, reserved 240/4 and broadcast; IPv6 unspecified, loopback (likewise)
    /// and multicast. Such a source was forged, or is the reply to a forged one (backscatter).
    /// </summary>
    public bool CannotBeSourceTo(HostAddress destination)
    {
        switch (Kind)
        {
            case HostAddressKind.IPv4:
                var first = (byte)(_low >> 24);
                if (first == 127) return !(destination.Kind == HostAddressKind.IPv4 && (byte)(destination._low >> 24) == 127);
                return first == 0 || first >= 224;
            case HostAddressKind.IPv6:
                const ulong LoopbackLow = 1;
                if (_high == 0 && _low == LoopbackLow) return !(destination.Kind == HostAddressKind.IPv6 && destination._high == 0 && destination._low == LoopbackLow);
                return (_high == 0 && _low == 0) || (_high >> 56) == 0xFF;
            default:
                return false;
        }
    }

    /// <summary>The IPv4 address as a host-order number; 0 when this is not IPv4.</summary>
    public uint IPv4Value => Kind == HostAddressKind.IPv4 ? (uint)_low : 0;

    public static HostAddress FromIPv4(uint value) => new(HostAddressKind.IPv4, 0, value);

    public static HostAddress ReadIPv4(ReadOnlySpan<byte> fourBytes) => FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(fourBytes));

    public static HostAddress ReadIPv6(ReadOnlySpan<byte> sixteenBytes) =>
        new(HostAddressKind.IPv6, BinaryPrimitives.ReadUInt64BigEndian(sixteenBytes), BinaryPrimitives.ReadUInt64BigEndian(sixteenBytes[8..]));

    public static HostAddress FromToken(ReadOnlySpan<char> token) => new(HostAddressKind.Token, 0, (ulong)HostTokenTable.Intern(token));

    /// <summary>
    /// Reads a dotted-quad IPv4 or an IPv6 address; anything else that looks like a host name or an
    /// anonymised address becomes a token. Returns false only for empty text.
    /// </summary>
    public static bool TryParseOrToken(ReadOnlySpan<char> text, out HostAddress address)
    {
        if (text.IsEmpty)
        {
            address = default;
            return false;
        }

        if (TryParseIPv4(text, out var v4))
        {
            address = FromIPv4(v4);
            return true;
        }

        if (text.Contains(':') && System.Net.IPAddress.TryParse(text, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            Span<byte> bytes = stackalloc byte[16];
            ip.TryWriteBytes(bytes, out _);
            address = ReadIPv6(bytes);
            return true;
        }

        address = FromToken(text);
        return true;
    }

    /// <summary>Strict dotted quad: four decimal parts 0–255, nothing else (so <c>256.0.0.1</c> is a token).</summary>
    public static bool TryParseIPv4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var parts = 0;
        var part = -1;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                part = part < 0 ? c - '0' : part * 10 + (c - '0');
                if (part > 255) return false;
            }
            else if (c == '.')
            {
                if (part < 0 || ++parts > 3) return false;
                value = (value << 8) | (uint)part;
                part = -1;
            }
            else
            {
                return false;
            }
        }

        if (part < 0 || parts != 3) return false;
        value = (value << 8) | (uint)part;
        return true;
    }

    public bool TryFormat(Span<char> destination, out int written)
    {
        written = 0;
        switch (Kind)
        {
            case HostAddressKind.IPv4:
                return TryFormatIPv4((uint)_low, destination, out written);
            case HostAddressKind.IPv6:
                return TryFormatIPv6(destination, out written);
            case HostAddressKind.Token:
                var text = HostTokenTable.Text((int)_low);
                if (!text.AsSpan().TryCopyTo(destination)) return false;
                written = text.Length;
                return true;
            default:
                return true;
        }
    }

    private static bool TryFormatIPv4(uint v, Span<char> destination, out int written)
    {
        written = 0;
        for (var i = 3; i >= 0; i--)
        {
            if (!((v >> (8 * i)) & 0xFF).TryFormat(destination[written..], out var n, default, CultureInfo.InvariantCulture)) return false;
            written += n;
            if (i > 0)
            {
                if (written >= destination.Length) return false;
                destination[written++] = '.';
            }
        }

        return true;
    }

    // RFC 5952 text: lower-case hex, leading zeros dropped, the longest run (≥2) of zero groups as "::",
    // and the IPv4-mapped form ::ffff:a.b.c.d as tshark and inet_ntop print it.
    private bool TryFormatIPv6(Span<char> destination, out int written)
    {
        written = 0;
        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 4; i++)
        {
            groups[i] = (ushort)(_high >> (48 - 16 * i));
            groups[4 + i] = (ushort)(_low >> (48 - 16 * i));
        }

        if (_high == 0 && (_low >> 32) == 0xFFFF)
        {
            if (!"::ffff:".AsSpan().TryCopyTo(destination)) return false;
            var ok = TryFormatIPv4((uint)_low, destination[7..], out var n);
            written = 7 + n;
            return ok;
        }

        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < 8;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < 8 && groups[i] == 0) i++;
            if (i - start > bestLength && i - start >= 2)
            {
                bestStart = start;
                bestLength = i - start;
            }
        }

        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                if (destination.Length < written + 2) return false;
                destination[written++] = ':';
                if (i == 0) destination[written++] = ':';
                i += bestLength - 1;
                continue;
            }

            if (!groups[i].TryFormat(destination[written..], out var n, "x", CultureInfo.InvariantCulture)) return false;
            written += n;
            if (i < 7)
            {
                if (written >= destination.Length) return false;
                destination[written++] = ':';
            }
        }

        return true;
    }

    public override string ToString()
    {
        if (Kind == HostAddressKind.Token) return HostTokenTable.Text((int)_low);
        Span<char> buffer = stackalloc char[64];
        return TryFormat(buffer, out var n) ? new string(buffer[..n]) : string.Empty;
    }

    public bool Equals(HostAddress other) => Kind == other.Kind && _high == other._high && _low == other._low;

    public override bool Equals(object? obj) => obj is HostAddress other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _high, _low);

    /// <summary>
    /// A 64-bit digest of the address, the same in every process and run (unlike <see cref="GetHashCode"/>), for
    /// tables that keep digests of flows instead of their keys (see <c>Spoor.Detect.FlowMemory</c>).
    /// </summary>
    public ulong Fingerprint() => Mix(Mix(_low ^ ((ulong)Kind << 56)) ^ _high);

    /// <summary>
    /// A 64-bit hash of the address keyed with a secret drawn once per process, for the open-addressed tables that
    /// place sources by hash. Anyone who can send a packet chooses its source address, and <see cref="Fingerprint"/>
    /// is public arithmetic: with it, a sender could pick thousands of addresses that share a table's home slot and
    /// turn every look-up into a walk (the hash-flooding attack, Crosby and Wallach 2003). Tables walked in slot order
    /// must therefore not let that order reach their output.
    /// </summary>
    public ulong TableHash() => Mix(Mix(_low ^ ((ulong)Kind << 56) ^ TableKey) ^ _high);

    private static readonly ulong TableKey = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(sizeof(ulong)));

    /// <summary>The splitmix64 finaliser (Steele, Lea, Flood 2014): every input bit moves about half the output bits.</summary>
    internal static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>Orders by kind, then numerically; tokens order by their text so output order is stable across runs.</summary>
    public int CompareTo(HostAddress other)
    {
        if (Kind != other.Kind) return Kind.CompareTo(other.Kind);
        if (Kind == HostAddressKind.Token)
        {
            return string.CompareOrdinal(HostTokenTable.Text((int)_low), HostTokenTable.Text((int)other._low));
        }

        var c = _high.CompareTo(other._high);
        return c != 0 ? c : _low.CompareTo(other._low);
    }

    public static bool operator ==(HostAddress left, HostAddress right) => left.Equals(right);

    public static bool operator !=(HostAddress left, HostAddress right) => !left.Equals(right);

    public static bool operator <(HostAddress left, HostAddress right) => left.CompareTo(right) < 0;

    public static bool operator >(HostAddress left, HostAddress right) => left.CompareTo(right) > 0;

    public static bool operator <=(HostAddress left, HostAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >=(HostAddress left, HostAddress right) => left.CompareTo(right) >= 0;
}
