using System.Numerics;
using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The UDP flows seen lately, so a record can be recognised as the answer to one (a DNS server's reply to a client's
/// ephemeral port is not a probe of that port). The detection engine asks once per record and marks answers
/// <see cref="ObservationFields.Reply"/>, so every detector, on either thread, reads the same answer from the record
/// itself.
/// </summary>
/// <remarks>
/// One entry per conversation, whichever way its packets go, holding when each direction was last seen: a record is
/// looked up once (its own direction updated, the other read) where a table of directed flows needs two look-ups in
/// two unrelated places, each a likely trip to memory. Times are kept in 32 bits of about a millisecond
/// (2^20 ns), which wrap after 52 days: only differences of a couple of minutes are ever asked of them, so an entry
/// would have to sit untouched for 52 days, to the minute, to be misread. Bounded like <see cref="FlowMemory"/>: an
/// eight-way set-associative table of 16-byte entries (a set is two adjacent cache lines), a new conversation taking
/// an empty entry or the set's least recently seen; what it had to push out early is counted.
/// </remarks>
internal sealed class RecentFlows
{
    /// <summary>An answer comes within seconds; two minutes covers DNS, NTP, SNMP and RPC retries with margin.</summary>
    public const long ReplyWindowNanoseconds = 120 * Timestamp.NanosecondsPerSecond;

    private const byte Udp = 17;
    private const int Ways = 8;

    /// <summary>The unit of the times held: 2^20 ns, about a millisecond.</summary>
    private const int TickShift = 20;

    /// <summary>The reply window in ticks, with one tick more for the rounding of both ends.</summary>
    private const int WindowTicks = (int)(ReplyWindowNanoseconds >> TickShift) + 1;

    private readonly Entry[] _entries;
    private readonly int _setMask;

    public RecentFlows(int capacity)
    {
        var entries = (int)Math.Max(Ways, BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, capacity)));
        _entries = new Entry[entries];
        _setMask = (entries / Ways) - 1;
    }

    /// <summary>Conversations pushed out of a full set before their time: the price of the bound.</summary>
    public long Evicted { get; private set; }

    /// <summary>
    /// Remembers the flow of a UDP record (or a log record with both ports and no protocol: SMB name queries and their
    /// replies both run 137 to 137, and only the order tells them apart) and marks it <see cref="ObservationFields.Reply"/>
    /// when it answers a flow seen within the reply window. Other records, and other sensors' copies, are left alone.
    /// </summary>
    public void Mark(ref Observation o)
    {
        if (o.Protocol is not (TransportProtocol.Udp or TransportProtocol.None) || o.Has(ObservationFields.Duplicate)) return;
        if (!o.Has(ObservationFields.Ports | ObservationFields.Destination | ObservationFields.Time)) return;
        if (ObserveIsReply(in o)) o.Set(ObservationFields.Reply);
    }

    /// <summary>Remembers the record's direction of its conversation; true when the other direction was seen within the reply window.</summary>
    private bool ObserveIsReply(in Observation o)
    {
        var (key, direction) = Conversation(o.Source, o.SourcePort, o.Destination, o.DestinationPort);
        var now = Tick(o.Time.UnixNanoseconds);
        var set = (int)((key >> 20) & (ulong)_setMask) * Ways;
        var entries = _entries;
        var victim = -1;
        var victimAge = -1L;
        for (var i = set; i < set + Ways; i++)
        {
            ref var entry = ref entries[i];
            if (entry.Key == key)
            {
                // A conversation with itself (same address and port at both ends) answers its own earlier packets.
                var other = direction == Direction.Both ? entry.Last(Direction.Low) : entry.Last(direction == Direction.Low ? Direction.High : Direction.Low);
                entry.See(direction, now);
                return other != 0 && Math.Abs((long)(int)(now - other)) <= WindowTicks;
            }

            // The victim, should the conversation be new: the first empty entry, else the one idle longest.
            if (victimAge == long.MaxValue) continue;
            if (entry.Key == 0)
            {
                victim = i;
                victimAge = long.MaxValue;
            }
            else if (entry.Age(now) > victimAge)
            {
                victim = i;
                victimAge = entry.Age(now);
            }
        }

        if (entries[victim].Key != 0) Evicted++;
        entries[victim] = new Entry { Key = key };
        entries[victim].See(direction, now);
        return false;
    }

    /// <summary>
    /// The conversation's key, the same from either end, and which end sent this record. IPv4 addresses and ports fit in
    /// 48 bits and are ordered exactly; other addresses are ordered by their fingerprints.
    /// </summary>
    private static (ulong Key, Direction Direction) Conversation(HostAddress source, ushort sourcePort, HostAddress destination, ushort destinationPort)
    {
        ulong from, to;
        if (source.Kind == HostAddressKind.IPv4 && destination.Kind == HostAddressKind.IPv4)
        {
            from = ((ulong)source.IPv4Value << 16) | sourcePort;
            to = ((ulong)destination.IPv4Value << 16) | destinationPort;
        }
        else
        {
            from = (source.Fingerprint() ^ ((ulong)source.Kind << 60)) + sourcePort;
            to = (destination.Fingerprint() ^ ((ulong)destination.Kind << 60)) + destinationPort;
        }

        var direction = from == to ? Direction.Both : from < to ? Direction.Low : Direction.High;
        var (low, high) = from <= to ? (from, to) : (to, from);
        var key = HostAddress.Mix(low ^ HostAddress.Mix(high + 0x9E3779B97F4A7C15UL) ^ Udp);
        return (key == 0 ? 1 : key, direction);
    }

    /// <summary>A time in ticks, never 0 (0 marks a direction not seen).</summary>
    private static uint Tick(long unixNanoseconds) => (uint)(unixNanoseconds >> TickShift) | 1;

    /// <summary>Which end sent a record: the lower-ordered one, the higher, or both at once (a conversation with itself).</summary>
    private enum Direction
    {
        Low,
        High,
        Both,
    }

    private struct Entry
    {
        public ulong Key;

        /// <summary>When the lower-ordered end last sent, in ticks; 0 if it has not.</summary>
        public uint FromLow;

        /// <summary>When the higher-ordered end last sent, in ticks; 0 if it has not.</summary>
        public uint FromHigh;

        public readonly uint Last(Direction direction) => direction == Direction.High ? FromHigh : FromLow;

        /// <summary>Records a packet of <paramref name="direction"/> at <paramref name="now"/>, unless a later one is held (input slightly out of order).</summary>
        public void See(Direction direction, uint now)
        {
            if (direction == Direction.High) FromHigh = Later(FromHigh, now);
            else FromLow = Later(FromLow, now);
        }

        /// <summary>Ticks since either end last sent.</summary>
        public readonly long Age(uint now)
        {
            var newest = FromLow == 0 ? FromHigh : FromHigh == 0 ? FromLow : Later(FromLow, FromHigh);
            return now - newest;
        }

        private static uint Later(uint held, uint now) => held == 0 || (int)(now - held) > 0 ? now : held;
    }
}
