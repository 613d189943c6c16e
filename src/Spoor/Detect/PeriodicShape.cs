namespace Spoor.Detect;

/// <summary>The rhythm a periodic flow was found to have.</summary>
public enum PeriodicShape
{
    /// <summary>One event per period, beats possibly missed: a poller, a broadcast announcement, a beacon.</summary>
    Steady,

    /// <summary>The same segment resent after growing intervals (doubling, then capped): a stack's retransmission timer.</summary>
    RetransmissionBackoff,

    /// <summary>Bursts of the same size, evenly spaced inside: an application's retries repeated on some schedule.</summary>
    RepeatedBursts,
}
