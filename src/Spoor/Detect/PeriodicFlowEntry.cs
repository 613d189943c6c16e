namespace Spoor.Detect;

/// <summary>
/// One flow in the periodic detector's table (<see cref="PeriodicFlowTable"/>): its key, how often and when it was
/// last seen, and the full state only once it has come back (most flows of a busy network, and every flow of a
/// flood, are seen once and never need it). Counts and time are kept here as well as in the state so sweeps of the
/// table read the entries alone. 64 bytes.
/// </summary>
internal struct PeriodicFlowEntry
{
    public PeriodicFlowKey Key;

    public PeriodicFlowState? State;

    /// <summary>0 for a free position.</summary>
    public long Occurrences;

    public long LastSeenNanoseconds;

    public uint Digest;

    /// <summary>For a free position, the free position taken after it.</summary>
    public int NextFree;
}
