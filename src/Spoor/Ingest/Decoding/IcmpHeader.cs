using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Decoding;

/// <summary>
/// ICMP (RFC 792, RFC 950 address mask) and ICMPv6 (RFC 4443). Query messages yield identifier and
/// sequence; error messages yield the quoted IP header and the first eight bytes of its transport
/// header (RFC 792 guarantees those), which is what backscatter and decoy analysis need. Everything after
/// the 8-byte header is the payload whose first bytes are kept.
/// </summary>
internal static class IcmpHeader
{
    // Type, code and checksum, and the 4 bytes whose meaning depends on the type (RFC 792): all of it or nothing.
    public const int MinimumLength = 8;
    public const int QueryLength = 8;
    public const int IdentifierOffset = 4;
    public const int SequenceOffset = 6;
    public const int QuotedPacketOffset = 8;

    /// <summary>Where the message's data starts (echo data, a quoted packet, timestamps): kept as the payload head.</summary>
    public const int PayloadOffset = 8;

    public static DecodeOutcome DecodeV4(ReadOnlySpan<byte> message, int offset, bool truncated, ref Observation observation)
    {
        if (message.Length < MinimumLength)
        {
            return Truncation.Short(truncated, DecodeProblem.IcmpTruncated, offset, MinimumLength, message.Length);
        }

        observation.Protocol = TransportProtocol.Icmp;
        SetTypeAndCode(message, ref observation);
        observation.SetPayloadHead(message[PayloadOffset..]);
        var type = message[0];
        if (type is 0 or 8 or 13 or 14 or 15 or 16 or 17 or 18)
        {
            return ReadIdentifier(message, offset, truncated, ref observation);
        }

        if (type is 3 or 4 or 5 or 11 or 12 && message.Length > QuotedPacketOffset)
        {
            observation.Quoted = ReadQuotedIPv4(message[QuotedPacketOffset..]);
            if (observation.Quoted.Fields != QuotedFields.None) observation.Set(ObservationFields.Quoted);
        }

        return DecodeOutcome.Ok;
    }

    public static DecodeOutcome DecodeV6(ReadOnlySpan<byte> message, int offset, bool truncated, ref Observation observation)
    {
        if (message.Length < MinimumLength)
        {
            return Truncation.Short(truncated, DecodeProblem.IcmpTruncated, offset, MinimumLength, message.Length);
        }

        observation.Protocol = TransportProtocol.Icmpv6;
        SetTypeAndCode(message, ref observation);
        observation.SetPayloadHead(message[PayloadOffset..]);
        var type = message[0];
        if (type is 128 or 129)
        {
            return ReadIdentifier(message, offset, truncated, ref observation);
        }

        if (type is >= 1 and <= 4 && message.Length > QuotedPacketOffset)
        {
            observation.Quoted = ReadQuotedIPv6(message[QuotedPacketOffset..]);
            if (observation.Quoted.Fields != QuotedFields.None) observation.Set(ObservationFields.Quoted);
        }

        return DecodeOutcome.Ok;
    }

    private static void SetTypeAndCode(ReadOnlySpan<byte> message, ref Observation observation)
    {
        observation.IcmpType = message[0];
        observation.IcmpCode = message[1];
        observation.Set(ObservationFields.IcmpType);
    }

    private static DecodeOutcome ReadIdentifier(ReadOnlySpan<byte> message, int offset, bool truncated, ref Observation observation)
    {
        if (message.Length < QueryLength)
        {
            return Truncation.Short(truncated, DecodeProblem.IcmpTruncated, offset, QueryLength, message.Length);
        }

        observation.IcmpId = BinaryPrimitives.ReadUInt16BigEndian(message[IdentifierOffset..]);
        observation.IcmpSequence = BinaryPrimitives.ReadUInt16BigEndian(message[SequenceOffset..]);
        observation.Set(ObservationFields.IcmpIdSequence);
        return DecodeOutcome.Ok;
    }

    private static QuotedHeader ReadQuotedIPv4(ReadOnlySpan<byte> quote)
    {
        if (quote.Length < Ipv4Header.MinimumLength || quote[0] >> 4 != 4) return default;
        var headerLength = (quote[0] & 0x0F) * 4;
        var protocol = quote[Ipv4Header.ProtocolOffset];
        var fields = QuotedFields.Addresses | QuotedFields.IpProtocol | QuotedFields.IpId | QuotedFields.Ttl;
        var quoted = new QuotedHeader(fields,
            HostAddress.ReadIPv4(quote[Ipv4Header.SourceOffset..]),
            HostAddress.ReadIPv4(quote[Ipv4Header.DestinationOffset..]),
            ProtocolOf(protocol, isV6: false),
            protocol,
            BinaryPrimitives.ReadUInt16BigEndian(quote[Ipv4Header.IdentificationOffset..]),
            quote[Ipv4Header.TtlOffset],
            0, 0, 0);
        var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(quote[Ipv4Header.FlagsAndFragmentOffset..]) & Ipv4Header.FragmentOffsetMask;
        if (headerLength < Ipv4Header.MinimumLength || fragmentOffset != 0 || quote.Length < headerLength) return quoted;
        return ReadQuotedTransport(quoted, quote[headerLength..]);
    }

    private static QuotedHeader ReadQuotedIPv6(ReadOnlySpan<byte> quote)
    {
        if (quote.Length < Ipv6Header.Length || quote[0] >> 4 != 6) return default;
        var next = quote[Ipv6Header.NextHeaderOffset];
        var position = Ipv6Header.Length;
        // Walk the common extension headers so the quoted transport ports are found behind them.
        while (next is Ipv6Header.HopByHop or Ipv6Header.Routing or Ipv6Header.DestinationOptions && quote.Length >= position + 2)
        {
            var length = (quote[position + 1] + 1) * 8;
            next = quote[position];
            position += length;
        }

        var quoted = new QuotedHeader(QuotedFields.Addresses | QuotedFields.IpProtocol | QuotedFields.Ttl,
            HostAddress.ReadIPv6(quote[Ipv6Header.SourceOffset..]),
            HostAddress.ReadIPv6(quote[Ipv6Header.DestinationOffset..]),
            ProtocolOf(next, isV6: true),
            next,
            0,
            quote[Ipv6Header.HopLimitOffset],
            0, 0, 0);
        return position <= quote.Length ? ReadQuotedTransport(quoted, quote[position..]) : quoted;
    }

    private static QuotedHeader ReadQuotedTransport(QuotedHeader quoted, ReadOnlySpan<byte> transport)
    {
        if (quoted.Protocol is not (TransportProtocol.Tcp or TransportProtocol.Udp) || transport.Length < 4) return quoted;
        quoted = quoted with
        {
            Fields = quoted.Fields | QuotedFields.Ports,
            SourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport),
            DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]),
        };
        if (quoted.Protocol == TransportProtocol.Tcp && transport.Length >= 8)
        {
            quoted = quoted with { Fields = quoted.Fields | QuotedFields.Sequence, Sequence = BinaryPrimitives.ReadUInt32BigEndian(transport[4..]) };
        }

        return quoted;
    }

    private static TransportProtocol ProtocolOf(byte protocol, bool isV6) => protocol switch
    {
        Ipv4Header.ProtocolTcp => TransportProtocol.Tcp,
        Ipv4Header.ProtocolUdp => TransportProtocol.Udp,
        Ipv4Header.ProtocolIcmp when !isV6 => TransportProtocol.Icmp,
        Ipv6Header.ProtocolIcmpv6 when isV6 => TransportProtocol.Icmpv6,
        _ => TransportProtocol.Ip,
    };
}
