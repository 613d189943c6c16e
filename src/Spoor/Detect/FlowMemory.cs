using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// A bounded memory of flows seen lately: 64-bit digests of flow keys with the time each was last seen, in a
/// eight-way set-associative table (a digest may live in one of the eight slots of its set; a new one takes an empty
/// slot or the set's least recently seen). Fixed size, no allocation after construction, one cache line per lookup:
/// the hot-path answer to "have I seen this flow (or its reverse) just now?" that a dictionary of full keys answers
/// at several times the cost and memory. Eight ways keep losses to full sets small: at a third of capacity about
/// one flow in 3,000 is pushed out early (four ways lose one in a hundred). A digest collision (two flows sharing 64 bits) is possible in principle
/// and ignored: at a million flows it happens about once in 10^7 runs, and costs one misjudged packet.
/// </summary>
internal sealed class FlowMemory
{
    private const int Ways = 8;

    /// <summary>Digest and time side by side: a set of eight is two adjacent 64-byte cache lines.</summary>
    private readonly Slot[] _slots;
    private readonly int _setMask;

    /// <param name="capacity">Flows held at most; rounded up to a power of two (at least one set).</param>
    public FlowMemory(int capacity)
    {
        var slots = (int)Math.Max(Ways, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, capacity)));
        _slots = new Slot[slots];
        _setMask = (slots / Ways) - 1;
    }

    public int Capacity => _slots.Length;

    /// <summary>Flows pushed out of a full set before their time: the price of the bound, counted.</summary>
    public long Displaced { get; private set; }

    /// <summary>The digest of one direction of a flow: addresses, ports and protocol.</summary>
    public static ulong Digest(HostAddress source, ushort sourcePort, HostAddress destination, ushort destinationPort, byte protocol)
    {
        var ports = ((ulong)sourcePort << 32) | ((ulong)destinationPort << 8) | protocol;
        var digest = HostAddress.Mix(source.Fingerprint() ^ HostAddress.Mix(destination.Fingerprint() + 0x9E3779B97F4A7C15UL) ^ ports);
        return digest == 0 ? 1 : digest; // 0 marks an empty slot
    }

    /// <summary>The digest of a conversation whichever way the packet goes: the same for a flow and its reverse.</summary>
    public static ulong Undirected(HostAddress a, ushort aPort, HostAddress b, ushort bPort, byte protocol)
    {
        // Order the two ends, then digest once: half the work of digesting both directions and keeping the smaller.
        var fa = a.Fingerprint() + aPort;
        var fb = b.Fingerprint() + bPort;
        var (low, high) = fa <= fb ? (fa, fb) : (fb, fa);
        var digest = HostAddress.Mix(low ^ HostAddress.Mix(high + 0x9E3779B97F4A7C15UL) ^ protocol);
        return digest == 0 ? 1 : digest;
    }

    /// <summary>When <paramref name="digest"/> was last seen, if it is still held.</summary>
    public bool TryGet(ulong digest, out long time)
    {
        var set = Set(digest);
        for (var i = set; i < set + Ways; i++)
        {
            if (_slots[i].Key != digest) continue;
            time = _slots[i].Time;
            return true;
        }

        time = 0;
        return false;
    }

    public bool Contains(ulong digest) => TryGet(digest, out _);

    /// <summary>Records <paramref name="digest"/> as seen at <paramref name="time"/> (a later time than held); true when it was new.</summary>
    public bool Set(ulong digest, long time) => Place(digest, time, replaceAlways: false);

    /// <summary>Holds <paramref name="value"/> for <paramref name="digest"/>, replacing what was held (unlike <see cref="Set"/>, even a larger value), in one pass.</summary>
    public void Put(ulong digest, long value) => Place(digest, value, replaceAlways: true);

    /// <summary>Forgets <paramref name="digest"/>.</summary>
    public void Remove(ulong digest)
    {
        var set = Set(digest);
        for (var i = set; i < set + Ways; i++)
        {
            if (_slots[i].Key == digest) _slots[i] = default;
        }
    }

    /// <summary>Replaces the time (or value) held for <paramref name="digest"/> if it is held; false when it is not.</summary>
    public bool TryUpdate(ulong digest, long time)
    {
        var set = Set(digest);
        for (var i = set; i < set + Ways; i++)
        {
            if (_slots[i].Key != digest) continue;
            _slots[i].Time = time;
            return true;
        }

        return false;
    }

    /// <summary>Finds <paramref name="digest"/>'s slot or takes one for it (an empty slot, else the set's least recently seen); true when it was new.</summary>
    private bool Place(ulong digest, long value, bool replaceAlways)
    {
        var set = Set(digest);
        var victim = new Victim(set);
        for (var i = set; i < set + Ways; i++)
        {
            ref var slot = ref _slots[i];
            if (slot.Key == digest)
            {
                if (replaceAlways || value > slot.Time) slot.Time = value;
                return false;
            }

            victim.Consider(i, slot);
        }

        Take(victim.Index, digest, value);
        return true;
    }

    /// <summary>The slot a new digest takes in its set: the first empty one, else the first of the least recently seen.</summary>
    private struct Victim(int first)
    {
        private int _empty = -1;
        private int _oldest = first;
        private long _oldestTime = long.MaxValue;

        public readonly int Index => _empty >= 0 ? _empty : _oldest;

        public void Consider(int index, in Slot slot)
        {
            if (slot.Key == 0)
            {
                if (_empty < 0) _empty = index;
            }
            else if (slot.Time < _oldestTime)
            {
                _oldest = index;
                _oldestTime = slot.Time;
            }
        }
    }

    private void Take(int victim, ulong digest, long value)
    {
        if (_slots[victim].Key != 0) Displaced++;
        _slots[victim] = new Slot { Key = digest, Time = value };
    }

    private struct Slot
    {
        public ulong Key;
        public long Time;
    }

    private int Set(ulong digest) => (int)((digest >> 20) & (ulong)_setMask) * Ways;
}
