using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Decoding;

/// <summary>
/// ARP (RFC 826): the operation always; sender and target hardware and protocol addresses when they are
/// Ethernet MACs and IPv4 addresses (the only pairing that matters for finding a host on a LAN).
/// </summary>
internal static class ArpHeader
{
    public const int FixedLength = 8;
    public const int EthernetIPv4Length = 28;
    public const int HardwareLengthOffset = 4;
    public const int ProtocolLengthOffset = 5;
    public const int OperationOffset = 6;
    public const int SenderHardwareOffset = 8;
    public const int SenderProtocolOffset = 14;
    public const int TargetHardwareOffset = 18;
    public const int TargetProtocolOffset = 24;

    public static DecodeOutcome Decode(ReadOnlySpan<byte> frame, int offset, bool snapTruncated, ref Observation observation)
    {
        var message = frame[Math.Min(offset, frame.Length)..];
        if (message.Length < FixedLength)
        {
            return Truncation.Short(snapTruncated, DecodeProblem.ArpTruncated, offset, FixedLength, message.Length);
        }

        observation.Protocol = TransportProtocol.Arp;
        observation.ArpOperation = BinaryPrimitives.ReadUInt16BigEndian(message[OperationOffset..]);
        observation.Set(ObservationFields.Protocol | ObservationFields.ArpOperation);
        if (message[HardwareLengthOffset] != MacAddress.Length || message[ProtocolLengthOffset] != 4)
        {
            return DecodeOutcome.Ok;
        }

        if (message.Length < EthernetIPv4Length)
        {
            return Truncation.Short(snapTruncated, DecodeProblem.ArpTruncated, offset, EthernetIPv4Length, message.Length);
        }

        observation.ArpSenderMac = MacAddress.Read(message[SenderHardwareOffset..]);
        observation.ArpTargetMac = MacAddress.Read(message[TargetHardwareOffset..]);
        observation.Source = HostAddress.ReadIPv4(message[SenderProtocolOffset..]);
        observation.Destination = HostAddress.ReadIPv4(message[TargetProtocolOffset..]);
        observation.Set(ObservationFields.ArpHardware | ObservationFields.Source | ObservationFields.Destination);
        return DecodeOutcome.Ok;
    }
}
