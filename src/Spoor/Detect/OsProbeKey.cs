using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>One prober and the host it fingerprints.</summary>
internal readonly record struct OsProbeKey(HostAddress Source, HostAddress Target);
