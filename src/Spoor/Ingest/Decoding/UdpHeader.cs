using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Decoding;

/// <summary>
/// UDP (RFC 768): ports, the length field and the payload's first bytes; a length below 8 or beyond the IP
/// payload is reported, and then no payload is kept (where it ends is unknown).
/// </summary>
internal static class UdpHeader
{
    public const int Length = 8;
    public const int SourcePortOffset = 0;
    public const int DestinationPortOffset = 2;
    public const int LengthOffset = 4;

    public static DecodeOutcome Decode(ReadOnlySpan<byte> segment, int offset, int declaredLength, bool truncated, ref Observation observation)
    {
        if (segment.Length < Length)
        {
            return Truncation.Short(truncated, DecodeProblem.UdpHeaderTruncated, offset, Length, segment.Length);
        }

        observation.Protocol = TransportProtocol.Udp;
        observation.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment[SourcePortOffset..]);
        observation.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[DestinationPortOffset..]);
        var udpLength = BinaryPrimitives.ReadUInt16BigEndian(segment[LengthOffset..]);
        observation.UdpLength = udpLength;
        observation.Set(ObservationFields.Ports | ObservationFields.UdpLength);
        if (udpLength < Length || (declaredLength != TransportLength.Unknown && udpLength > declaredLength))
        {
            return DecodeOutcome.At(DecodeProblem.UdpLengthInvalid, offset + LengthOffset, declaredLength, udpLength);
        }

        observation.PayloadLength = udpLength - Length;
        observation.Set(ObservationFields.PayloadLength);
        // The UDP length bounds the payload (bytes past it are padding); a capture may hold fewer.
        observation.SetPayloadHead(segment[Length..Math.Min(udpLength, segment.Length)]);
        return DecodeOutcome.Ok;
    }
}
