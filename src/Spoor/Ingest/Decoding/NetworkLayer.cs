using Spoor.Evidence;

namespace Spoor.Ingest.Decoding;

/// <summary>Dispatches on an EtherType (or an IP version nibble) to the network-layer decoders.</summary>
internal static class NetworkLayer
{
    public static DecodeOutcome Decode(ushort etherType, ReadOnlySpan<byte> frame, int offset, bool snapTruncated, ref Observation observation) => etherType switch
    {
        EthernetHeader.EtherTypeIPv4 => Ipv4Header.Decode(frame, offset, snapTruncated, ref observation),
        EthernetHeader.EtherTypeIPv6 => Ipv6Header.Decode(frame, offset, snapTruncated, ref observation),
        EthernetHeader.EtherTypeArp or EthernetHeader.EtherTypeRarp => ArpHeader.Decode(frame, offset, snapTruncated, ref observation),
        _ => DecodeOutcome.Ok,
    };

    /// <summary>For raw-IP link types: the version nibble says which header follows.</summary>
    public static DecodeOutcome DecodeByVersion(ReadOnlySpan<byte> frame, int offset, bool snapTruncated, ref Observation observation)
    {
        if (frame.Length <= offset)
        {
            return Truncation.Short(snapTruncated, DecodeProblem.IPv4HeaderTruncated, offset, Ipv4Header.MinimumLength, 0);
        }

        return (frame[offset] >> 4) switch
        {
            4 => Ipv4Header.Decode(frame, offset, snapTruncated, ref observation),
            6 => Ipv6Header.Decode(frame, offset, snapTruncated, ref observation),
            var v => DecodeOutcome.At(DecodeProblem.IpVersionUnknown, offset, 0, v),
        };
    }
}
