using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>One direction of a UDP or TCP conversation: addresses and ports.</summary>
internal readonly record struct FlowKey(HostAddress Source, ushort SourcePort, HostAddress Destination, ushort DestinationPort)
{
    public FlowKey Reverse() => new(Destination, DestinationPort, Source, SourcePort);
}
