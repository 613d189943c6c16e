using Spoor.Evidence;
using Spoor.Ingest.Capture;

namespace Spoor.Ingest.Decoding;

/// <summary>
/// Decodes one captured frame into an <see cref="Observation"/> in place, from the link layer down to
/// the transport header. Never throws and never allocates; what it could not decode is returned as a
/// <see cref="DecodeOutcome"/> for the caller to report.
/// </summary>
public static class PacketDecoder
{
    public static DecodeOutcome Decode(in CapturedFrame frame, int input, ref Observation observation)
    {
        observation.Reset();
        observation.Evidence = EvidenceRef.Frame(input, frame.Number);
        observation.Time = frame.Time;
        observation.LinkType = frame.LinkType;
        observation.InterfaceId = frame.InterfaceId;
        observation.FrameLength = frame.OriginalLength;
        observation.CapturedLength = frame.Data.Length;
        observation.Set(ObservationFields.FrameLength | ObservationFields.LinkType);
        if (frame.HasTime) observation.Set(ObservationFields.Time);
        if (frame.HasInterface) observation.Set(ObservationFields.Interface);
        return DecodeLink(frame.LinkType, frame.Data, frame.Data.Length < frame.OriginalLength, ref observation);
    }

    public static DecodeOutcome DecodeLink(ushort linkType, ReadOnlySpan<byte> data, bool snapTruncated, ref Observation observation) => linkType switch
    {
        LinkTypes.Ethernet => EthernetHeader.Decode(data, snapTruncated, ref observation),
        LinkTypes.LinuxSll => LinuxCookedHeader.DecodeSll(data, snapTruncated, ref observation),
        LinkTypes.LinuxSll2 => LinuxCookedHeader.DecodeSll2(data, snapTruncated, ref observation),
        LinkTypes.RawBsd or LinkTypes.RawOpenBsd or LinkTypes.Raw => NetworkLayer.DecodeByVersion(data, 0, snapTruncated, ref observation),
        LinkTypes.RawIPv4 => Ipv4Header.Decode(data, 0, snapTruncated, ref observation),
        LinkTypes.RawIPv6 => Ipv6Header.Decode(data, 0, snapTruncated, ref observation),
        LinkTypes.Null => LoopbackHeader.Decode(data, networkOrder: false, snapTruncated, ref observation),
        LinkTypes.Loop => LoopbackHeader.Decode(data, networkOrder: true, snapTruncated, ref observation),
        LinkTypes.Nflog => NflogHeader.Decode(data, snapTruncated, ref observation),
        _ => DecodeOutcome.At(DecodeProblem.UnsupportedLinkType, 0, linkType, 0),
    };
}
