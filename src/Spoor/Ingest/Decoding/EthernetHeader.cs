using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Decoding;

/// <summary>
/// Ethernet II (IEEE 802.3 with EtherType) and stacked VLAN tags (IEEE 802.1Q, 802.1ad QinQ, the legacy
/// 0x9100). EtherTypes below 0x0600 are 802.3 lengths (LLC frames) and carry no network layer here.
/// </summary>
internal static class EthernetHeader
{
    public const int Length = 14;
    public const int DestinationOffset = 0;
    public const int SourceOffset = 6;
    public const int EtherTypeOffset = 12;
    public const int VlanTagLength = 4;
    public const ushort VlanIdMask = 0x0FFF;

    public const ushort EtherTypeIPv4 = 0x0800;
    public const ushort EtherTypeArp = 0x0806;
    public const ushort EtherTypeIPv6 = 0x86DD;
    public const ushort EtherTypeRarp = 0x8035;
    public const ushort EtherTypeVlan = 0x8100;
    public const ushort EtherTypeQinQ = 0x88A8;
    public const ushort EtherTypeQinQLegacy = 0x9100;

    public static DecodeOutcome Decode(ReadOnlySpan<byte> frame, bool snapTruncated, ref Observation observation)
    {
        if (frame.Length < Length)
        {
            return Truncation.Short(snapTruncated, DecodeProblem.LinkHeaderTruncated, 0, Length, frame.Length);
        }

        observation.DestinationMac = MacAddress.Read(frame[DestinationOffset..]);
        observation.SourceMac = MacAddress.Read(frame[SourceOffset..]);
        observation.Set(ObservationFields.SourceMac | ObservationFields.DestinationMac);

        var offset = EtherTypeOffset;
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        offset += 2;
        while (etherType is EtherTypeVlan or EtherTypeQinQ or EtherTypeQinQLegacy)
        {
            if (frame.Length < offset + VlanTagLength)
            {
                return Truncation.Short(snapTruncated, DecodeProblem.LinkHeaderTruncated, offset, offset + VlanTagLength, frame.Length);
            }

            observation.Vlan = observation.Vlan.Push((ushort)(BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]) & VlanIdMask));
            observation.Set(ObservationFields.Vlan);
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            offset += VlanTagLength;
        }

        return NetworkLayer.Decode(etherType, frame, offset, snapTruncated, ref observation);
    }
}
