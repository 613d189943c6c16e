namespace Spoor.Detect;

/// <summary>
/// One flow in the periodic detector's table: its first sighting inline, and the full state only once it has come
/// back (most flows of a busy network, and every flow of a flood, are seen once and never need it).
/// </summary>
internal struct PeriodicFlowEntry
{
    public PeriodicSighting First;

    public PeriodicFlowState? State;

    public readonly long Occurrences => State?.Occurrences ?? 1;

    public readonly long LastSeenNanoseconds => State?.LastSeen.UnixNanoseconds ?? First.Time.UnixNanoseconds;
}
