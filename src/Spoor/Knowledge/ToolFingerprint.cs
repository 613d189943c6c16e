using Spoor.Evidence;

namespace Spoor.Knowledge;

/// <summary>
/// Header values a packet-crafting tool puts in its probes (one row of <c>tool-fingerprints.tsv</c>). Every
/// value given must be present in the observation and equal; absent values and fields match anything.
/// </summary>
public sealed record ToolFingerprint(string Tool, uint? IpId, uint? Sequence, uint? Acknowledgement, ushort? Window, FingerprintRule Rule, byte? InitialTtl)
{
    /// <summary>True when <paramref name="o"/> (a TCP observation) carries every value of this fingerprint.</summary>
    public bool Matches(in Observation o)
    {
        if (o.Protocol != TransportProtocol.Tcp) return false;
        if (IpId is { } id && !(o.Has(ObservationFields.IpId) && o.IpId == id)) return false;
        if (Sequence is { } seq && !(o.Has(ObservationFields.Sequence) && o.Sequence == seq)) return false;
        if (Acknowledgement is { } ack && !(o.Has(ObservationFields.Acknowledgement) && o.Acknowledgement == ack)) return false;
        if (Window is { } window && !(o.Has(ObservationFields.Window) && o.Window == window)) return false;
        return Rule switch
        {
            FingerprintRule.MasscanIpId => o.Has(ObservationFields.IpId) && o.Has(ObservationFields.Sequence) && o.Has(ObservationFields.DestinationPort)
                && o.Destination.Kind == HostAddressKind.IPv4
                && o.IpId == ((o.Destination.IPv4Value ^ o.DestinationPort ^ o.Sequence) & 0xFFFF),
            FingerprintRule.AckWithoutAckFlag => o.Has(ObservationFields.Acknowledgement) && o.Has(ObservationFields.TcpFlags)
                && o.Acknowledgement != 0 && (o.TcpFlags & TcpFlags.Ack) == 0,
            // A relation between probes, not a property of one: the detector tests it (CraftedPacketDetector.UnicornscanKey).
            FingerprintRule.UnicornscanKey => false,
            _ => true,
        };
    }
}
