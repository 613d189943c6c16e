using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Decoding;

/// <summary>
/// Linux "cooked" capture headers: SLL (LINKTYPE_LINUX_SLL, 16 bytes) and SLL2 (LINKTYPE_LINUX_SLL2,
/// 20 bytes), as libpcap writes them for the "any" device. Only the sender's address is recorded; a
/// 6-byte address on an Ethernet-type device becomes the source MAC.
/// </summary>
internal static class LinuxCookedHeader
{
    public const int SllLength = 16;
    public const int SllHardwareTypeOffset = 2;
    public const int SllAddressLengthOffset = 4;
    public const int SllAddressOffset = 6;
    public const int SllProtocolOffset = 14;

    public const int Sll2Length = 20;
    public const int Sll2ProtocolOffset = 0;
    public const int Sll2HardwareTypeOffset = 8;
    public const int Sll2AddressLengthOffset = 11;
    public const int Sll2AddressOffset = 12;

    private const ushort HardwareTypeEthernet = 1;
    private const ushort HardwareTypeLoopback = 772;

    public static DecodeOutcome DecodeSll(ReadOnlySpan<byte> frame, bool snapTruncated, ref Observation observation)
    {
        if (frame.Length < SllLength)
        {
            return Truncation.Short(snapTruncated, DecodeProblem.LinkHeaderTruncated, 0, SllLength, frame.Length);
        }

        SetSource(BinaryPrimitives.ReadUInt16BigEndian(frame[SllHardwareTypeOffset..]), BinaryPrimitives.ReadUInt16BigEndian(frame[SllAddressLengthOffset..]),
            frame[SllAddressOffset..], ref observation);
        return NetworkLayer.Decode(BinaryPrimitives.ReadUInt16BigEndian(frame[SllProtocolOffset..]), frame, SllLength, snapTruncated, ref observation);
    }

    public static DecodeOutcome DecodeSll2(ReadOnlySpan<byte> frame, bool snapTruncated, ref Observation observation)
    {
        if (frame.Length < Sll2Length)
        {
            return Truncation.Short(snapTruncated, DecodeProblem.LinkHeaderTruncated, 0, Sll2Length, frame.Length);
        }

        SetSource(BinaryPrimitives.ReadUInt16BigEndian(frame[Sll2HardwareTypeOffset..]), frame[Sll2AddressLengthOffset],
            frame[Sll2AddressOffset..], ref observation);
        return NetworkLayer.Decode(BinaryPrimitives.ReadUInt16BigEndian(frame[Sll2ProtocolOffset..]), frame, Sll2Length, snapTruncated, ref observation);
    }

    private static void SetSource(ushort hardwareType, int addressLength, ReadOnlySpan<byte> address, ref Observation observation)
    {
        if (addressLength == MacAddress.Length && hardwareType is HardwareTypeEthernet or HardwareTypeLoopback)
        {
            observation.SourceMac = MacAddress.Read(address);
            observation.Set(ObservationFields.SourceMac);
        }
    }
}
