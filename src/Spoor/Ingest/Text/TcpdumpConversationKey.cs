using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>A TCP conversation in both directions: the two endpoints in a fixed order, so either direction finds it.</summary>
internal readonly record struct TcpdumpConversationKey(HostAddress First, ushort FirstPort, HostAddress Second, ushort SecondPort)
{
    /// <summary>The key of a packet from <paramref name="source"/> to <paramref name="destination"/>, and whether the source is the key's first endpoint.</summary>
    public static TcpdumpConversationKey Of(HostAddress source, ushort sourcePort, HostAddress destination, ushort destinationPort, out bool sourceIsFirst)
    {
        var order = source.CompareTo(destination);
        sourceIsFirst = order < 0 || (order == 0 && sourcePort <= destinationPort);
        return sourceIsFirst
            ? new TcpdumpConversationKey(source, sourcePort, destination, destinationPort)
            : new TcpdumpConversationKey(destination, destinationPort, source, sourcePort);
    }
}
