using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// One (target, port) pair a source contacted: the unit of the Threshold Random Walk's "first contact".
/// <see cref="Protocol"/> is the IP protocol; for ICMP <see cref="Port"/> holds the request type, for other
/// protocols it is zero.
/// </summary>
public readonly record struct ScanContactKey(HostAddress Target, ushort Port, byte Protocol);
