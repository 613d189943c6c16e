using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// Follows TCP handshakes so detectors can pass over the bulk of a capture at the cost of one bit test: once a
/// connection's SYN, SYN-ACK and a following acknowledgement have been seen, its later segments other than SYNs and
/// resets are marked <see cref="ObservationFields.Established"/>. The segment that completes the handshake is not
/// marked (a connect scan's completing ACK is evidence); a reset closes the connection, and a new SYN on the same
/// ports starts it over. Purely a shortcut: a detector that ignores the mark reaches the same findings, and a
/// connection the table has forgotten is only read the slow way. Bounded by a <see cref="FlowMemory"/>.
/// </summary>
internal sealed class ConnectionTracker
{
    private const byte TcpProtocol = 6;
    private const long SynSeen = 1;
    private const long SynAckSeen = 2;
    private const long Open = 3;
    private const long StateMask = 3;

    /// <summary>
    /// Open connections seen lately, direct-mapped by digest: a capture's packets come from a few hundred connections
    /// at a time, and this 64 KiB table answers most of them from the processor's cache, where the full table (megabytes)
    /// would cost a trip to memory per packet. Only open connections are cached; closing or reopening one clears it.
    /// </summary>
    private readonly ulong[] _hot = new ulong[HotSlots];

    private const int HotSlots = 8192;

    private readonly FlowMemory? _connections;

    /// <param name="capacity">Connections followed at once; 0 turns the shortcut off (every segment is read the slow way).</param>
    public ConnectionTracker(int capacity)
    {
        _connections = capacity > 0 ? new FlowMemory(capacity) : null;
    }

    public void Mark(ref Observation o)
    {
        if (_connections is null) return;
        if (o.Protocol != TransportProtocol.Tcp || !o.Has(ObservationFields.TcpFlags | ObservationFields.Ports | ObservationFields.Time)) return;
        if (o.Has(ObservationFields.Duplicate)) return;
        var flags = o.TcpFlags;
        var syn = (flags & TcpFlags.Syn) != 0;
        var ack = (flags & TcpFlags.Ack) != 0;
        var digest = Digest(o.Source, o.SourcePort, o.Destination, o.DestinationPort);

        // The state rides in the low two bits of the time (a few nanoseconds lost to the table's age order).
        var stamp = o.Time.UnixNanoseconds & ~StateMask;
        ref var hot = ref _hot[(int)(digest & (HotSlots - 1))];
        if (hot == digest && !syn && (flags & TcpFlags.Rst) == 0)
        {
            if (ack) o.Set(ObservationFields.Established);
            return;
        }

        if ((flags & TcpFlags.Rst) != 0)
        {
            if (hot == digest) hot = 0;
            _connections.Remove(digest);
            return;
        }

        if (syn && !ack)
        {
            if (hot == digest) hot = 0;
            _connections.Put(digest, stamp | SynSeen);
            return;
        }

        if (!ack || !_connections.TryGet(digest, out var held)) return;
        switch (held & StateMask)
        {
            case SynSeen when syn:
                _connections.TryUpdate(digest, stamp | SynAckSeen);
                break;
            case SynAckSeen when !syn:
                _connections.TryUpdate(digest, stamp | Open);
                hot = digest;
                break;
            case Open when !syn:
                o.Set(ObservationFields.Established);
                hot = digest;
                break;
        }
    }

    /// <summary>
    /// The connection's digest, the same from either end. Every TCP segment pays for it, so IPv4 (nearly all traffic)
    /// takes a shorter road than <see cref="FlowMemory.Undirected"/>: an IPv4 address and port fit in 48 bits, so the
    /// two ends are exact numbers to order and only their pair needs mixing.
    /// </summary>
    internal static ulong Digest(HostAddress a, ushort aPort, HostAddress b, ushort bPort)
    {
        if (a.Kind != HostAddressKind.IPv4 || b.Kind != HostAddressKind.IPv4) return FlowMemory.Undirected(a, aPort, b, bPort, TcpProtocol);
        var ea = ((ulong)a.IPv4Value << 16) | aPort;
        var eb = ((ulong)b.IPv4Value << 16) | bPort;
        var (low, high) = ea <= eb ? (ea, eb) : (eb, ea);
        var digest = HostAddress.Mix(low ^ HostAddress.Mix(high + 0x9E3779B97F4A7C15UL));
        return digest == 0 ? 1 : digest;
    }
}
