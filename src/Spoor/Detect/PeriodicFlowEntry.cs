namespace Spoor.Detect;

/// <summary>
/// One flow in the periodic detector's table (<see cref="PeriodicFlowTable"/>): its key, its first sighting inline,
/// and the full state only once it has come back (most flows of a busy network, and every flow of a flood, are seen
/// once and never need it). 128 bytes.
/// </summary>
internal struct PeriodicFlowEntry
{
    public PeriodicFlowKey Key;

    public PeriodicFlowState? State;

    public PeriodicSighting First;

    public bool InUse;

    public readonly long Occurrences => State?.Occurrences ?? 1;

    public readonly long LastSeenNanoseconds => State?.LastSeen.UnixNanoseconds ?? First.Time.UnixNanoseconds;
}
