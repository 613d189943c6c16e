using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Decoding;

/// <summary>
/// IPv4 (RFC 791). The transport header is decoded only for a first fragment (offset 0); the IP total
/// length, not the frame, bounds the payload, so Ethernet padding is never read as data. A total length
/// beyond the captured bytes of a frame that was captured whole is a defect; beyond a snap length, normal.
/// </summary>
internal static class Ipv4Header
{
    public const int MinimumLength = 20;
    public const int VersionAndLengthOffset = 0;
    public const int TosOffset = 1;
    public const int TotalLengthOffset = 2;
    public const int IdentificationOffset = 4;
    public const int FlagsAndFragmentOffset = 6;
    public const int TtlOffset = 8;
    public const int ProtocolOffset = 9;
    public const int SourceOffset = 12;
    public const int DestinationOffset = 16;

    public const ushort DontFragmentBit = 0x4000;
    public const ushort MoreFragmentsBit = 0x2000;
    public const ushort FragmentOffsetMask = 0x1FFF;

    public const byte ProtocolIcmp = 1;
    public const byte ProtocolTcp = 6;
    public const byte ProtocolUdp = 17;

    private const byte OptionEnd = 0;
    private const byte OptionNoOperation = 1;

    public static DecodeOutcome Decode(ReadOnlySpan<byte> frame, int offset, bool snapTruncated, ref Observation observation)
    {
        var available = frame.Length - offset;
        if (available < MinimumLength)
        {
            return Truncation.Short(snapTruncated, DecodeProblem.IPv4HeaderTruncated, offset, MinimumLength, Math.Max(available, 0));
        }

        var header = frame[offset..];
        var version = header[VersionAndLengthOffset] >> 4;
        if (version != 4)
        {
            return DecodeOutcome.At(DecodeProblem.IpVersionUnknown, offset, 4, version);
        }

        var linkFields = observation.Fields;
        observation.IpVersion = 4;
        observation.Set(ObservationFields.IpVersion);
        var headerLength = (header[VersionAndLengthOffset] & 0x0F) * 4;
        observation.IpHeaderLength = (byte)headerLength;
        observation.Tos = header[TosOffset];
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(header[TotalLengthOffset..]);
        observation.IpLength = totalLength;
        observation.IpId = BinaryPrimitives.ReadUInt16BigEndian(header[IdentificationOffset..]);
        var fragmentWord = BinaryPrimitives.ReadUInt16BigEndian(header[FlagsAndFragmentOffset..]);
        observation.DontFragment = (fragmentWord & DontFragmentBit) != 0;
        observation.MoreFragments = (fragmentWord & MoreFragmentsBit) != 0;
        observation.FragmentOffset = (fragmentWord & FragmentOffsetMask) * 8;
        observation.Ttl = header[TtlOffset];
        var protocol = header[ProtocolOffset];
        observation.IpProtocol = protocol;
        observation.Source = HostAddress.ReadIPv4(header[SourceOffset..]);
        observation.Destination = HostAddress.ReadIPv4(header[DestinationOffset..]);
        observation.Set(ObservationFields.IpHeaderLength | ObservationFields.Tos | ObservationFields.IpLength | ObservationFields.IpId
            | ObservationFields.Fragment | ObservationFields.DontFragment | ObservationFields.Ttl | ObservationFields.IpProtocol
            | ObservationFields.Source | ObservationFields.Destination | ObservationFields.Protocol);
        observation.Protocol = observation.FragmentOffset == 0 ? ProtocolOf(protocol) : TransportProtocol.Ip;

        // A header that contradicts its own length fields is not trusted at all (as tshark and real stacks
        // treat it): the observation keeps its link layer only, and the problem says why.
        if (headerLength < MinimumLength)
        {
            Untrust(ref observation, linkFields);
            return DecodeOutcome.At(DecodeProblem.IPv4HeaderLengthInvalid, offset, MinimumLength, headerLength);
        }

        if (available < headerLength)
        {
            // Options cut short: the header is not wholly present, so none of it is reported.
            Untrust(ref observation, linkFields);
            return Truncation.Short(snapTruncated, DecodeProblem.IPv4HeaderTruncated, offset, headerLength, available);
        }

        var optionsOutcome = ReadOptions(header[MinimumLength..headerLength], offset + MinimumLength, ref observation);
        if (optionsOutcome.IsDefect)
        {
            // A stack discards a packet with malformed options, so nothing behind them is decoded.
            return optionsOutcome;
        }

        if (totalLength < headerLength)
        {
            Untrust(ref observation, linkFields);
            return DecodeOutcome.At(DecodeProblem.IPv4TotalLengthInvalid, offset + TotalLengthOffset, headerLength, totalLength);
        }

        var outcome = DecodeOutcome.Ok;
        var packetBytes = Math.Min(totalLength, available);
        if (totalLength > available && !snapTruncated)
        {
            outcome = DecodeOutcome.At(DecodeProblem.IPv4TotalLengthExceedsFrame, offset + TotalLengthOffset, totalLength, available);
        }

        if (observation.FragmentOffset != 0)
        {
            return First(outcome, optionsOutcome);
        }

        var segment = header[headerLength..packetBytes];
        var segmentOffset = offset + headerLength;
        // A first fragment's total length covers only this fragment: the transport length is unknown.
        var declared = observation.MoreFragments ? TransportLength.Unknown : totalLength - headerLength;
        var transportTruncated = snapTruncated || totalLength > available;
        var transport = protocol switch
        {
            ProtocolTcp => TcpHeader.Decode(segment, segmentOffset, declared, transportTruncated, ref observation),
            ProtocolUdp => UdpHeader.Decode(segment, segmentOffset, declared, transportTruncated, ref observation),
            ProtocolIcmp => IcmpHeader.DecodeV4(segment, segmentOffset, transportTruncated, ref observation),
            _ => DecodeOutcome.Ok,
        };

        return First(outcome, First(optionsOutcome, transport));
    }

    public static TransportProtocol ProtocolOf(byte protocol) => protocol switch
    {
        ProtocolTcp => TransportProtocol.Tcp,
        ProtocolUdp => TransportProtocol.Udp,
        ProtocolIcmp => TransportProtocol.Icmp,
        _ => TransportProtocol.Ip,
    };

    private static void Untrust(ref Observation observation, ObservationFields linkFields)
    {
        observation.Fields = linkFields;
        observation.Protocol = TransportProtocol.None;
        observation.IpOptionList.Clear();
    }

    private static DecodeOutcome First(DecodeOutcome a, DecodeOutcome b) => a.IsDefect || (a.Problem != DecodeProblem.None && !b.IsDefect) ? a : b;

    private static DecodeOutcome ReadOptions(ReadOnlySpan<byte> options, int offset, ref Observation observation)
    {
        if (options.IsEmpty) return DecodeOutcome.Ok;
        observation.Set(ObservationFields.IpOptions);
        var i = 0;
        while (i < options.Length)
        {
            var type = options[i];
            if (type is OptionEnd or OptionNoOperation)
            {
                observation.IpOptionList.Add(type);
                if (type == OptionEnd) break;
                i++;
                continue;
            }

            // An option whose length does not fit is not listed: its type byte may be garbage too.
            if (i + 1 >= options.Length || options[i + 1] < 2 || i + options[i + 1] > options.Length)
            {
                return DecodeOutcome.At(DecodeProblem.IPv4OptionMalformed, offset + i, 0, i + 1 < options.Length ? options[i + 1] : 0);
            }

            observation.IpOptionList.Add(type);

            i += options[i + 1];
        }

        return DecodeOutcome.Ok;
    }
}
