using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// One question asked of the observation stream, answered with findings. Detectors are push-based and
/// take time only from the observations (never the wall clock), so a file and a live capture are the same
/// to them. Each keeps a bounded amount of state, with the bound in <see cref="DetectionOptions"/> and what
/// it had to drop counted in <see cref="Evicted"/>.
/// </summary>
public interface IDetector
{
    /// <summary>A short name for traces and the finding's <c>detector</c> attribute.</summary>
    string Name { get; }

    /// <summary>State entries dropped to stay within the detector's bound.</summary>
    long Evicted { get; }

    /// <summary>
    /// Which established segments can change this detector's findings; the others may be withheld from it. A detector
    /// that claims less than <see cref="EstablishedSegments.All"/> must reach the same findings either way (tests
    /// compare the two-thread analysis, which withholds, with the one-thread one, which does not).
    /// </summary>
    EstablishedSegments ReadsEstablished => EstablishedSegments.All;

    /// <summary>Takes one observation. Duplicates (another sensor's copy of a packet) arrive marked and must not be counted twice.</summary>
    void Observe(in Observation observation);

    /// <summary>Time has reached <paramref name="now"/>: emit what can no longer change (closed windows) and free its state.</summary>
    void Advance(Timestamp now, IFindingSink sink);

    /// <summary>The stream has ended: emit everything still held.</summary>
    void Complete(IFindingSink sink);
}
