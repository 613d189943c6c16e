using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Decoding;

/// <summary>
/// LINKTYPE_NFLOG (Linux netfilter log via libpcap's nflog device): a 4-byte header (family, version,
/// resource id) then TLVs whose length and type are in the capturing host's byte order; the packet is the
/// NFULA_PAYLOAD TLV. Little-endian is tried first, big-endian when the length does not fit.
/// </summary>
internal static class NflogHeader
{
    public const int Length = 4;
    public const int TlvHeaderLength = 4;

    private const byte FamilyIPv4 = 2;
    private const byte FamilyIPv6 = 10;
    private const ushort TypePayload = 9;

    public static DecodeOutcome Decode(ReadOnlySpan<byte> frame, bool snapTruncated, ref Observation observation)
    {
        if (frame.Length < Length)
        {
            return Truncation.Short(snapTruncated, DecodeProblem.LinkHeaderTruncated, 0, Length, frame.Length);
        }

        var family = frame[0];
        var offset = Length;
        while (offset + TlvHeaderLength <= frame.Length)
        {
            var tlv = frame[offset..];
            int length = BinaryPrimitives.ReadUInt16LittleEndian(tlv);
            int type = BinaryPrimitives.ReadUInt16LittleEndian(tlv[2..]);
            if (length < TlvHeaderLength || offset + length > frame.Length)
            {
                length = BinaryPrimitives.ReadUInt16BigEndian(tlv);
                type = BinaryPrimitives.ReadUInt16BigEndian(tlv[2..]);
            }

            if (length < TlvHeaderLength || (offset + length > frame.Length && !snapTruncated))
            {
                return DecodeOutcome.At(DecodeProblem.NflogMalformed, offset, 0, length);
            }

            // The type's top bits carry netlink flags (NLA_F_NESTED, NLA_F_NET_BYTEORDER).
            if ((type & 0x3FFF) == TypePayload)
            {
                var packetStart = offset + TlvHeaderLength;
                return family switch
                {
                    FamilyIPv4 => Ipv4Header.Decode(frame, packetStart, snapTruncated, ref observation),
                    FamilyIPv6 => Ipv6Header.Decode(frame, packetStart, snapTruncated, ref observation),
                    _ => NetworkLayer.DecodeByVersion(frame, packetStart, snapTruncated, ref observation),
                };
            }

            offset += (length + 3) & ~3;
        }

        return DecodeOutcome.Ok;
    }
}
