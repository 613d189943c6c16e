using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>One direction of a UDP or TCP conversation: addresses and ports.</summary>
internal readonly record struct FlowKey(HostAddress Source, ushort SourcePort, HostAddress Destination, ushort DestinationPort)
{
    public FlowKey Reverse() => new(Destination, DestinationPort, Source, SourcePort);

    public bool Equals(FlowKey other) =>
        SourcePort == other.SourcePort && DestinationPort == other.DestinationPort && Source == other.Source && Destination == other.Destination;

    /// <summary>
    /// A table key's hash at a few multiplies: an IPv4 address is a number already, where the record's own hash would
    /// put each address through <see cref="HashCode"/>'s mix (a table is probed with every segment of its connections).
    /// </summary>
    public override int GetHashCode()
    {
        var h = (Part(Source) * 0x9E3779B97F4A7C15UL + Part(Destination)) * 0xBF58476D1CE4E5B9UL + (((ulong)SourcePort << 16) | DestinationPort);
        return (int)(h ^ (h >> 32));
    }

    private static ulong Part(HostAddress address) => address.Kind == HostAddressKind.IPv4 ? address.IPv4Value : address.Fingerprint();
}
