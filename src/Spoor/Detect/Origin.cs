using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>Where the data shows the real sender of spoofed or decoy traffic: an address, a MAC, a hop count, and why.</summary>
public sealed record Origin(HostAddress? Address, MacAddress? Mac, int? Hops, IReadOnlyList<Reason> Reasons);
