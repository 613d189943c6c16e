namespace Spoor.Ingest.Decoding;

/// <summary>
/// Decides what a missing header means: if the capture's snap length cut the frame, nothing is wrong with
/// the packet (the rest was simply not kept); if the whole frame was captured, the packet itself is short.
/// </summary>
internal static class Truncation
{
    public static DecodeOutcome Short(bool snapTruncated, DecodeProblem problem, int offset, long needed, long present) =>
        snapTruncated ? DecodeOutcome.At(DecodeProblem.SnapTruncated, offset, needed, present) : DecodeOutcome.At(problem, offset, needed, present);
}
