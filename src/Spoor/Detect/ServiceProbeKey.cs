using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>One source's probing of one service (the service name is the knowledge table's shared string).</summary>
internal readonly record struct ServiceProbeKey(HostAddress Source, string Service);
