using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Decoding;

/// <summary>
/// IPv6 (RFC 8200) with its extension-header chain: hop-by-hop, routing, destination options, mobility,
/// HIP and shim6 (generic 8-octet units), AH (RFC 4302, 4-octet units) and the fragment header. The final
/// next header is the observation's protocol; a non-first fragment stops there.
/// </summary>
internal static class Ipv6Header
{
    public const int Length = 40;
    public const int PayloadLengthOffset = 4;
    public const int NextHeaderOffset = 6;
    public const int HopLimitOffset = 7;
    public const int SourceOffset = 8;
    public const int DestinationOffset = 24;
    public const int AddressLength = 16;

    public const byte HopByHop = 0;
    public const byte Routing = 43;
    public const byte Fragment = 44;
    public const byte AuthenticationHeader = 51;
    public const byte NoNextHeader = 59;
    public const byte DestinationOptions = 60;
    public const byte Mobility = 135;
    public const byte Hip = 139;
    public const byte Shim6 = 140;
    public const byte ProtocolIcmpv6 = 58;

    private const int FragmentHeaderLength = 8;
    private const ushort FragmentOffsetMask = 0xFFF8;
    private const ushort MoreFragmentsBit = 0x0001;

    public static DecodeOutcome Decode(ReadOnlySpan<byte> frame, int offset, bool snapTruncated, ref Observation observation)
    {
        var available = frame.Length - offset;
        if (available < Length)
        {
            return Truncation.Short(snapTruncated, DecodeProblem.IPv6HeaderTruncated, offset, Length, Math.Max(available, 0));
        }

        var header = frame[offset..];
        var version = header[0] >> 4;
        if (version != 6)
        {
            return DecodeOutcome.At(DecodeProblem.IpVersionUnknown, offset, 6, version);
        }

        var first = BinaryPrimitives.ReadUInt32BigEndian(header);
        observation.IpVersion = 6;
        observation.Tos = (byte)(first >> 20);
        observation.FlowLabel = first & 0x000F_FFFF;
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(header[PayloadLengthOffset..]);
        observation.IpLength = payloadLength + Length;
        observation.Ttl = header[HopLimitOffset];
        observation.Source = HostAddress.ReadIPv6(header[SourceOffset..]);
        observation.Destination = HostAddress.ReadIPv6(header[DestinationOffset..]);
        observation.Protocol = TransportProtocol.Ip;
        observation.Set(ObservationFields.IpVersion | ObservationFields.Tos | ObservationFields.FlowLabel | ObservationFields.IpLength
            | ObservationFields.Ttl | ObservationFields.Source | ObservationFields.Destination | ObservationFields.Protocol | ObservationFields.IpProtocol);

        var outcome = DecodeOutcome.Ok;
        var packetBytes = Math.Min(Length + payloadLength, available);
        if (Length + payloadLength > available && !snapTruncated)
        {
            outcome = DecodeOutcome.At(DecodeProblem.IPv6PayloadLengthExceedsFrame, offset + PayloadLengthOffset, payloadLength, available - Length);
        }

        var transportTruncated = snapTruncated || Length + payloadLength > available;
        var packet = header[..packetBytes];
        var next = header[NextHeaderOffset];
        var position = Length;
        while (true)
        {
            observation.IpProtocol = next;
            int extensionLength;
            switch (next)
            {
                case HopByHop or Routing or DestinationOptions or Mobility or Hip or Shim6:
                    if (packet.Length < position + 2) return Short(outcome, transportTruncated, next, offset + position, packet.Length - position);
                    extensionLength = (packet[position + 1] + 1) * 8;
                    break;
                case AuthenticationHeader:
                    if (packet.Length < position + 2) return Short(outcome, transportTruncated, next, offset + position, packet.Length - position);
                    extensionLength = (packet[position + 1] + 2) * 4;
                    break;
                case Fragment:
                    if (packet.Length < position + FragmentHeaderLength) return Short(outcome, transportTruncated, next, offset + position, packet.Length - position);
                    var word = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 2)..]);
                    observation.FragmentOffset = word & FragmentOffsetMask;
                    observation.MoreFragments = (word & MoreFragmentsBit) != 0;
                    observation.IpId = BinaryPrimitives.ReadUInt32BigEndian(packet[(position + 4)..]);
                    observation.Set(ObservationFields.Fragment | ObservationFields.IpId);
                    extensionLength = FragmentHeaderLength;
                    if (observation.FragmentOffset != 0)
                    {
                        observation.IpProtocol = packet[position];
                        return outcome;
                    }

                    break;
                default:
                    observation.Protocol = next switch
                    {
                        Ipv4Header.ProtocolTcp => TransportProtocol.Tcp,
                        Ipv4Header.ProtocolUdp => TransportProtocol.Udp,
                        ProtocolIcmpv6 => TransportProtocol.Icmpv6,
                        _ => TransportProtocol.Ip,
                    };
                    var declared = observation.MoreFragments ? TransportLength.Unknown : payloadLength - (position - Length);
                    return DecodeTransport(next, packet[position..], offset + position, declared, transportTruncated, outcome, ref observation);
            }

            if (packet.Length < position + extensionLength)
            {
                return Short(outcome, transportTruncated, next, offset + position, packet.Length - position);
            }

            next = packet[position];
            position += extensionLength;
        }
    }

    private static DecodeOutcome DecodeTransport(byte next, ReadOnlySpan<byte> segment, int offset, int declared, bool truncated, DecodeOutcome outcome, ref Observation observation)
    {
        var transport = next switch
        {
            Ipv4Header.ProtocolTcp => TcpHeader.Decode(segment, offset, declared, truncated, ref observation),
            Ipv4Header.ProtocolUdp => UdpHeader.Decode(segment, offset, declared, truncated, ref observation),
            ProtocolIcmpv6 => IcmpHeader.DecodeV6(segment, offset, truncated, ref observation),
            _ => DecodeOutcome.Ok,
        };
        return outcome.IsDefect || !transport.IsDefect && outcome.Problem != DecodeProblem.None ? outcome : transport;
    }

    private static DecodeOutcome Short(DecodeOutcome outcome, bool truncated, byte header, int offset, int left) =>
        outcome.IsDefect ? outcome : Truncation.Short(truncated, DecodeProblem.IPv6ExtensionHeaderTruncated, offset, header, left);
}
