namespace Spoor.Knowledge;

/// <summary>
/// How one TCP stack resends an unanswered SYN: the first timeout, the back-off factor, the ceiling the timeout
/// stops growing at (0 where the stack gives up before reaching one) and the number of resends before it gives up.
/// </summary>
public sealed record RetransmissionProfile(double InitialSeconds, double Factor, double CapSeconds, int Retries, string Stack, string Source);
