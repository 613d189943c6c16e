using Spoor.Evidence;

namespace Spoor.Ingest;

/// <summary>
/// A malformed or unreadable part of an input, with where it is: the record (frame or line) when there is
/// one, and the byte offset in the (decompressed) input when the container itself is at fault.
/// </summary>
public sealed record IngestProblem(int Input, EvidenceRef? Record, long? ByteOffset, string Message)
{
    /// <summary>Where, in words a user can act on: <c>frame 17</c>, <c>line 88</c>, <c>byte 4096</c>.</summary>
    public string Location => (Record, ByteOffset) switch
    {
        ({ } r, { } b) => $"{r} (byte {b})",
        ({ } r, null) => r.ToString(),
        (null, { } b) => $"byte {b}",
        _ => "input",
    };
}
