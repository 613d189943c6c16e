using System.Buffers.Binary;
using Spoor.Evidence;
using Spoor.Ingest.Capture;
using Spoor.Ingest.Decoding;

namespace Spoor.Ingest.Text;

/// <summary>
/// The packet bytes tcpdump prints after a line with <c>-x</c>/<c>-X</c>/<c>-xx</c>: tcpdump 4's
/// <c>\t0x0000:  4500 003c …  ASCII</c>, an analyst's <c>0x0000  4500 …</c> without the colon, and tcpdump 3's bare
/// indented groups (<c>  4500 004a 60ee …</c>). Groups written <c>XXXX</c> were masked by whoever published the
/// trace: those bytes are unknown, and every field they hold stays as the text line said it (or absent). The
/// bytes are decoded by Spoor's own packet decoder, so a hex dump yields exactly what a capture of it would,
/// payload head included (cut before the first masked byte: an unknown byte is never made up).
/// </summary>
internal sealed class TcpdumpHexDump
{
    // Only the headers matter, and the reader's lookahead holds at most seven dump lines (112 bytes) per record;
    // an offset far beyond that belongs to lines the reader skips.
    private const int MaxBytes = 4096;
    private const int GroupsPerLine = 8;
    private const int EthernetHeaderLength = 14;
    private const int EtherTypeOffset = 12;
    private const ushort EtherTypeIPv4 = 0x0800;
    private const ushort EtherTypeIPv6 = 0x86DD;
    private const ushort EtherTypeArp = 0x0806;
    private const ushort EtherTypeVlan = 0x8100;

    private readonly byte[] _bytes = new byte[MaxBytes];
    private readonly bool[] _masked = new bool[MaxBytes];

    public int Length { get; private set; }

    public bool AnyMasked { get; private set; }

    public void Reset()
    {
        Array.Clear(_masked, 0, Length);
        Length = 0;
        AnyMasked = false;
    }

    /// <summary>Whether <paramref name="line"/> is a hex dump line; <paramref name="continuing"/> admits a lone group inside a dump.</summary>
    public static bool IsHexLine(ReadOnlySpan<char> line, bool continuing)
    {
        var text = line.Trim();
        if (TryReadOffset(text, out _, out _)) return true;
        var groups = 0;
        var rest = text;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf(' ');
            var group = end < 0 ? rest : rest[..end];
            if (!IsGroup(group, last: end < 0)) return false;
            groups++;
            rest = end < 0 ? default : rest[(end + 1)..].TrimStart();
        }

        return groups > 1 || (groups == 1 && continuing);
    }

    /// <summary>Adds one dump line's bytes (at the offset the line states, else after the previous line's).</summary>
    public void AddLine(ReadOnlySpan<char> line)
    {
        var text = line.Trim();
        var position = Length;
        if (TryReadOffset(text, out var offset, out var consumed))
        {
            position = offset;
            text = text[consumed..];
            // Bytes the dump skipped over are unknown, not zero.
            for (var i = Length; i < Math.Min(position, MaxBytes); i++) Mask(i);
        }

        var groups = 0;
        while (groups < GroupsPerLine && !text.IsEmpty)
        {
            // One space separates groups; two or more start -X's ASCII column, which can look like hex.
            if (groups > 0)
            {
                if (text[0] != ' ' || (text.Length > 1 && text[1] == ' ')) break;
                text = text[1..];
            }
            else
            {
                text = text.TrimStart();
            }

            var end = text.IndexOf(' ');
            var group = end < 0 ? text : text[..end];
            if (!IsGroup(group, last: true)) break;
            for (var i = 0; i + 1 < group.Length; i += 2)
            {
                Store(position++, group.Slice(i, 2));
            }

            text = end < 0 ? default : text[end..];
            groups++;
        }
    }

    /// <summary>
    /// Decodes the bytes and lets them override what the text said, field by field, wherever every byte behind a
    /// field is known. Returns which of sequence and acknowledgement came from the bytes (they are raw, not relative).
    /// </summary>
    public ObservationFields ApplyTo(ref Observation observation)
    {
        if (Length == 0) return ObservationFields.None;
        Span<byte> data = _bytes.AsSpan(0, Length);
        var linkType = LinkTypeOf(data, out var networkOffset);
        if (linkType == 0 || !IsClear(networkOffset, 1)) return ObservationFields.None;

        var decoded = default(Observation);
        PacketDecoder.DecodeLink(linkType, data, SnapTruncated(data, networkOffset), ref decoded);
        var take = FieldsBackedByKnownBytes(decoded, linkType, networkOffset);
        CopyFields(ref observation, decoded, take);
        var head = KnownPayloadHead(decoded, networkOffset);
        if (head > 0) observation.SetPayloadHead(decoded.PayloadHead[..head]);
        return take & (ObservationFields.Sequence | ObservationFields.Acknowledgement);
    }

    // tcpdump -x starts at the network header, -xx at the link header: the bytes say which.
    private static ushort LinkTypeOf(ReadOnlySpan<byte> data, out int networkOffset)
    {
        networkOffset = 0;
        if (data.Length > EthernetHeaderLength)
        {
            var etherType = BinaryPrimitives.ReadUInt16BigEndian(data[EtherTypeOffset..]);
            var version = data[EthernetHeaderLength] >> 4;
            if ((etherType == EtherTypeIPv4 && version == 4) || (etherType == EtherTypeIPv6 && version == 6) || etherType is EtherTypeArp or EtherTypeVlan)
            {
                networkOffset = EthernetHeaderLength;
                return LinkTypes.Ethernet;
            }
        }

        return (data[0] >> 4) switch
        {
            4 when (data[0] & 0x0F) >= 5 => LinkTypes.RawIPv4,
            6 => LinkTypes.RawIPv6,
            _ => 0,
        };
    }

    // A dump shorter than the packet's stated length was cut by tcpdump's snap length: missing bytes are normal.
    private bool SnapTruncated(ReadOnlySpan<byte> data, int ip)
    {
        const int ipv4LengthOffset = 2;
        const int ipv6PayloadLengthOffset = 4;
        const int ipv6HeaderLength = 40;
        if (data.Length <= ip) return true;
        if (data[ip] >> 4 == 4)
        {
            if (!IsClear(ip + ipv4LengthOffset, 2)) return true;
            return data.Length - ip < BinaryPrimitives.ReadUInt16BigEndian(data[(ip + ipv4LengthOffset)..]);
        }

        if (!IsClear(ip + ipv6PayloadLengthOffset, 2)) return true;
        return data.Length - ip < BinaryPrimitives.ReadUInt16BigEndian(data[(ip + ipv6PayloadLengthOffset)..]) + ipv6HeaderLength;
    }

    private ObservationFields FieldsBackedByKnownBytes(in Observation d, ushort linkType, int ip)
    {
        var take = ObservationFields.None;
        void Take(in Observation o, ObservationFields field, int start, int length, ref ObservationFields into)
        {
            if ((o.Fields & field) != 0 && IsClear(start, length)) into |= o.Fields & field;
        }

        if (linkType == LinkTypes.Ethernet)
        {
            Take(d, ObservationFields.DestinationMac, 0, 6, ref take);
            Take(d, ObservationFields.SourceMac, 6, 6, ref take);
            Take(d, ObservationFields.Vlan, EtherTypeOffset, 4, ref take);
        }

        if (d.IpVersion == 6)
        {
            // Extension headers move the transport header: with masked bytes only the fixed header is trusted.
            Take(d, ObservationFields.IpVersion | ObservationFields.Tos | ObservationFields.FlowLabel, ip, 4, ref take);
            Take(d, ObservationFields.IpLength, ip + 4, 2, ref take);
            Take(d, ObservationFields.Ttl, ip + 7, 1, ref take);
            Take(d, ObservationFields.Source, ip + 8, 16, ref take);
            Take(d, ObservationFields.Destination, ip + 24, 16, ref take);
            if (!AnyMasked) take |= d.Fields & ~(ObservationFields.Time | ObservationFields.FrameLength | ObservationFields.LinkType);
            return take;
        }

        if (d.IpVersion != 4) return take;
        var ihl = d.IpHeaderLength;
        Take(d, ObservationFields.IpVersion | ObservationFields.IpHeaderLength, ip, 1, ref take);
        Take(d, ObservationFields.Tos, ip + 1, 1, ref take);
        Take(d, ObservationFields.IpLength, ip + 2, 2, ref take);
        Take(d, ObservationFields.IpId, ip + 4, 2, ref take);
        Take(d, ObservationFields.Fragment | ObservationFields.DontFragment, ip + 6, 2, ref take);
        Take(d, ObservationFields.Ttl, ip + 8, 1, ref take);
        Take(d, ObservationFields.IpProtocol | ObservationFields.Protocol, ip + 9, 1, ref take);
        Take(d, ObservationFields.Source, ip + 12, 4, ref take);
        Take(d, ObservationFields.Destination, ip + 16, 4, ref take);
        Take(d, ObservationFields.IpOptions, ip + 20, ihl - 20, ref take);

        var t = ip + ihl;
        switch (d.Protocol)
        {
            case TransportProtocol.Tcp:
                var thl = d.TcpHeaderLength;
                Take(d, ObservationFields.Ports, t, 4, ref take);
                Take(d, ObservationFields.Sequence, t + 4, 4, ref take);
                Take(d, ObservationFields.Acknowledgement, t + 8, 4, ref take);
                Take(d, ObservationFields.TcpFlags | ObservationFields.TcpHeaderLength, t + 12, 2, ref take);
                Take(d, ObservationFields.Window, t + 14, 2, ref take);
                Take(d, ObservationFields.UrgentPointer, t + 18, 2, ref take);
                Take(d, ObservationFields.TcpOptions | ObservationFields.Mss | ObservationFields.WindowScale | ObservationFields.SackPermitted
                    | ObservationFields.Timestamps, t + 20, thl - 20, ref take);
                if (d.Has(ObservationFields.PayloadLength) && IsClear(ip, 4) && IsClear(t + 12, 1)) take |= ObservationFields.PayloadLength;
                break;
            case TransportProtocol.Udp:
                Take(d, ObservationFields.Ports, t, 4, ref take);
                Take(d, ObservationFields.UdpLength | ObservationFields.PayloadLength, t + 4, 2, ref take);
                break;
            case TransportProtocol.Icmp:
                Take(d, ObservationFields.IcmpType, t, 2, ref take);
                Take(d, ObservationFields.IcmpIdSequence, t + 4, 4, ref take);
                Take(d, ObservationFields.Quoted, t + 8, Length - t - 8, ref take);
                break;
        }

        return take;
    }

    // How many of the decoded payload head's bytes the dump really shows: the head stops at the first masked
    // byte, and it counts only when every byte that places the payload (IP header and total length, fragment
    // word, protocol, TCP data offset, UDP length) is known.
    private int KnownPayloadHead(in Observation d, int ip)
    {
        if (!d.Has(ObservationFields.PayloadHead)) return 0;
        if (d.IpVersion == 6) return AnyMasked ? 0 : d.PayloadHeadLength;
        if (d.IpVersion != 4 || !IsClear(ip, 4) || !IsClear(ip + 6, 2) || !IsClear(ip + 9, 1)) return 0;
        var t = ip + d.IpHeaderLength;
        int start;
        switch (d.Protocol)
        {
            case TransportProtocol.Tcp when IsClear(t + TcpHeader.DataOffsetAndFlagsOffset, 1):
                start = t + d.TcpHeaderLength;
                break;
            case TransportProtocol.Udp when IsClear(t + UdpHeader.LengthOffset, 2):
                start = t + UdpHeader.Length;
                break;
            case TransportProtocol.Icmp:
                start = t + IcmpHeader.PayloadOffset;
                break;
            default:
                return 0;
        }

        var known = 0;
        while (known < d.PayloadHeadLength && IsClear(start + known, 1)) known++;
        return known;
    }

    // Copies the values of the fields in `take` from the decoded bytes over what the text said.
    private static void CopyFields(ref Observation o, in Observation d, ObservationFields take)
    {
        if (take == ObservationFields.None) return;
        if ((take & ObservationFields.SourceMac) != 0) o.SourceMac = d.SourceMac;
        if ((take & ObservationFields.DestinationMac) != 0) o.DestinationMac = d.DestinationMac;
        if ((take & ObservationFields.Vlan) != 0) o.Vlan = d.Vlan;
        if ((take & ObservationFields.IpVersion) != 0) o.IpVersion = d.IpVersion;
        if ((take & ObservationFields.Source) != 0) o.Source = d.Source;
        if ((take & ObservationFields.Destination) != 0) o.Destination = d.Destination;
        if ((take & ObservationFields.IpProtocol) != 0)
        {
            o.IpProtocol = d.IpProtocol;
            o.Protocol = d.Protocol;
        }

        if ((take & ObservationFields.Ttl) != 0) o.Ttl = d.Ttl;
        if ((take & ObservationFields.Tos) != 0) o.Tos = d.Tos;
        if ((take & ObservationFields.IpId) != 0) o.IpId = d.IpId;
        if ((take & ObservationFields.IpLength) != 0) o.IpLength = d.IpLength;
        if ((take & ObservationFields.IpHeaderLength) != 0) o.IpHeaderLength = d.IpHeaderLength;
        if ((take & ObservationFields.IpOptions) != 0) o.IpOptionList = d.IpOptionList;
        if ((take & ObservationFields.Fragment) != 0)
        {
            o.FragmentOffset = d.FragmentOffset;
            o.MoreFragments = d.MoreFragments;
        }

        if ((take & ObservationFields.DontFragment) != 0) o.DontFragment = d.DontFragment;
        if ((take & ObservationFields.FlowLabel) != 0) o.FlowLabel = d.FlowLabel;
        if ((take & ObservationFields.Ports) != 0)
        {
            o.SourcePort = d.SourcePort;
            o.DestinationPort = d.DestinationPort;
        }

        if ((take & ObservationFields.TcpFlags) != 0) o.TcpFlags = d.TcpFlags;
        if ((take & ObservationFields.Sequence) != 0) o.Sequence = d.Sequence;
        if ((take & ObservationFields.Acknowledgement) != 0) o.Acknowledgement = d.Acknowledgement;
        if ((take & ObservationFields.Window) != 0) o.Window = d.Window;
        if ((take & ObservationFields.UrgentPointer) != 0) o.UrgentPointer = d.UrgentPointer;
        if ((take & ObservationFields.TcpHeaderLength) != 0) o.TcpHeaderLength = d.TcpHeaderLength;
        if ((take & ObservationFields.TcpOptions) != 0)
        {
            // The bytes list the options whole: what the text listed (perhaps cut at "[|tcp]") is replaced.
            o.TcpOptionList = d.TcpOptionList;
            o.TcpOptions = d.TcpOptions;
            o.Fields &= ~(ObservationFields.Mss | ObservationFields.WindowScale | ObservationFields.SackPermitted | ObservationFields.Timestamps);
        }

        if ((take & ObservationFields.PayloadLength) != 0) o.PayloadLength = d.PayloadLength;
        if ((take & ObservationFields.UdpLength) != 0) o.UdpLength = d.UdpLength;
        if ((take & ObservationFields.IcmpType) != 0)
        {
            o.IcmpType = d.IcmpType;
            o.IcmpCode = d.IcmpCode;
        }

        if ((take & ObservationFields.IcmpIdSequence) != 0)
        {
            o.IcmpId = d.IcmpId;
            o.IcmpSequence = d.IcmpSequence;
        }

        if ((take & ObservationFields.Quoted) != 0) o.Quoted = d.Quoted;
        o.Fields |= take;
    }

    private bool IsClear(int start, int length)
    {
        if (start < 0 || length < 0 || start + length > Length) return false;
        for (var i = start; i < start + length; i++)
        {
            if (_masked[i]) return false;
        }

        return true;
    }

    private void Store(int position, ReadOnlySpan<char> pair)
    {
        if (position >= MaxBytes) return;
        if (IsHexPair(pair))
        {
            _bytes[position] = (byte)((HexValue(pair[0]) << 4) | HexValue(pair[1]));
            _masked[position] = false;
        }
        else
        {
            Mask(position);
        }

        if (position >= Length) Length = position + 1;
    }

    private void Mask(int position)
    {
        _bytes[position] = 0;
        _masked[position] = true;
        AnyMasked = true;
        if (position >= Length) Length = position + 1;
    }

    // "0x0010:" (tcpdump 4) or "0x0010" followed by spaces (as analysts paste it).
    private static bool TryReadOffset(ReadOnlySpan<char> text, out int offset, out int consumed)
    {
        offset = 0;
        consumed = 0;
        if (text.Length < 7 || text[0] != '0' || text[1] is not ('x' or 'X')) return false;
        var n = 2;
        while (n < text.Length && char.IsAsciiHexDigit(text[n])) n++;
        if (n == 2 || n > 10) return false;
        // An offset past the bytes kept is read as "beyond": its bytes are dropped, not stored.
        var value = uint.Parse(text[2..n], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
        offset = (int)Math.Min(value, MaxBytes);
        if (n < text.Length && text[n] == ':') n++;
        if (n >= text.Length || text[n] != ' ') return false;
        consumed = n;
        return true;
    }

    // Four hex digits (two bytes), or two for an odd last byte; masked digits (X) count as hex.
    private static bool IsGroup(ReadOnlySpan<char> group, bool last)
    {
        if (group.Length != 4 && !(last && group.Length == 2)) return false;
        foreach (var c in group)
        {
            if (!char.IsAsciiHexDigit(c) && c is not ('X' or 'x')) return false;
        }

        return true;
    }

    private static bool IsHexPair(ReadOnlySpan<char> pair) => char.IsAsciiHexDigit(pair[0]) && char.IsAsciiHexDigit(pair[1]);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
