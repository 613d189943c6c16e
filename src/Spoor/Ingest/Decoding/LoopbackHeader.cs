using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Decoding;

/// <summary>
/// BSD loopback encapsulations: LINKTYPE_NULL (a 4-byte address family in the capturing host's byte order,
/// so both orders are accepted) and LINKTYPE_LOOP (the same in network byte order). IPv6's family number
/// differs by system (24 NetBSD/OpenBSD, 28 FreeBSD, 30 macOS); all three are accepted.
/// </summary>
internal static class LoopbackHeader
{
    public const int Length = 4;

    private const uint FamilyIPv4 = 2;

    public static DecodeOutcome Decode(ReadOnlySpan<byte> frame, bool networkOrder, bool snapTruncated, ref Observation observation)
    {
        if (frame.Length < Length)
        {
            return Truncation.Short(snapTruncated, DecodeProblem.LinkHeaderTruncated, 0, Length, frame.Length);
        }

        var family = networkOrder ? BinaryPrimitives.ReadUInt32BigEndian(frame) : BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (!networkOrder && family > 0xFFFF)
        {
            family = BinaryPrimitives.ReverseEndianness(family);
        }

        return family switch
        {
            FamilyIPv4 => Ipv4Header.Decode(frame, Length, snapTruncated, ref observation),
            24 or 28 or 30 => Ipv6Header.Decode(frame, Length, snapTruncated, ref observation),
            _ => DecodeOutcome.At(DecodeProblem.UnknownLoopbackFamily, 0, 0, family),
        };
    }
}
