using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// A detector whose last judgements are made against the end of the stream: the latest time any observation carried,
/// those withheld from it included (see <see cref="IDetector.ReadsEstablished"/>). The engine tells it before
/// <see cref="IDetector.Complete"/>.
/// </summary>
internal interface IJudgesAtStreamEnd
{
    void StreamEndsAt(Timestamp latest);
}
