using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The periodic detector's flows: small entries in pages, found through an open-addressed index of 32-bit digests
/// with the entry's position beside each, the full key kept in the entry to confirm a match. A lookup reads one
/// index slot (eight bytes, in an index of at most a megabyte) and one entry; the first sighting of a flow sits in a
/// page of its own, written once and read again only if the flow comes back, so the one-off sources of a flood cost
/// no object and keep the entries that are looked up dense.
/// </summary>
/// <remarks>
/// Positions are handed out like <see cref="Dictionary{TKey,TValue}"/> hands out its entries (a freed position is
/// the next one taken, otherwise the next unused one), so walking positions in order visits the flows in the order a
/// dictionary would, and findings emitted by a sweep come out in the same order. Pages are added as the table
/// fills, so nothing is copied when it grows and a small input allocates little; only the index is rebuilt.
/// </remarks>
internal sealed class PeriodicFlowTable
{
    /// <summary>Entries per page: 4,096 × 64 bytes, a quarter of a megabyte.</summary>
    private const int PageShift = 12;

    private const int PageSize = 1 << PageShift;

    private const int PageMask = PageSize - 1;

    /// <summary>The index is kept at most half full, so a probe for a missing key stops after about two slots.</summary>
    private const int IndexSlotsPerEntry = 2;

    private const int NoFreePosition = -1;

    private readonly int _capacity;
    private readonly PeriodicFlowEntry[][] _entries;
    private readonly PeriodicSighting[][] _firsts;

    /// <summary>Per slot, the key's digest in the high half and its position + 1 in the low half; 0 is an empty slot.</summary>
    private ulong[] _index = [];
    private int _indexMask;
    private int _pages;
    private int _end;
    private int _free = NoFreePosition;
    private int _freeCount;

    /// <param name="capacity">Flows held at most: the caller makes room before adding past it.</param>
    public PeriodicFlowTable(int capacity)
    {
        _capacity = Math.Max(1, capacity);
        var pages = (_capacity + PageSize - 1) >> PageShift;
        _entries = new PeriodicFlowEntry[pages][];
        _firsts = new PeriodicSighting[pages][];
    }

    public int Count => _end - _freeCount;

    /// <summary>One past the highest position in use: live entries lie below it (<see cref="IsLive"/> tells which).</summary>
    public int End => _end;

    public bool IsLive(int position) => Entry(position).Occurrences > 0;

    public ref PeriodicFlowEntry Entry(int position) => ref _entries[position >> PageShift][position & PageMask];

    /// <summary>The first sighting of the flow at <paramref name="position"/>, as <see cref="Add"/> left it.</summary>
    public ref PeriodicSighting First(int position) => ref _firsts[position >> PageShift][position & PageMask];

    public static uint Digest(in PeriodicFlowKey key)
    {
        var service = ((ulong)key.Protocol << 16) | key.Service;
        return (uint)(HostAddress.Mix(key.Source.Fingerprint() ^ service) >> 32);
    }

    /// <summary>The position of <paramref name="key"/>'s entry, or -1.</summary>
    public int Find(in PeriodicFlowKey key, uint digest)
    {
        var index = _index;
        if (index.Length == 0) return -1;
        for (var slot = (int)digest & _indexMask; ; slot = (slot + 1) & _indexMask)
        {
            var held = index[slot];
            if (held == 0) return -1;
            if ((uint)(held >> 32) != digest) continue;
            var position = (int)(uint)held - 1;
            if (Entry(position).Key == key) return position;
        }
    }

    /// <summary>Adds an entry for <paramref name="key"/> (not held, and the table not full) seen once, at <paramref name="first"/>; returns its position.</summary>
    public int Add(in PeriodicFlowKey key, uint digest, in PeriodicSighting first)
    {
        int position;
        if (_freeCount > 0)
        {
            position = _free;
            _free = Entry(position).NextFree;
            _freeCount--;
        }
        else
        {
            if (_end == _pages << PageShift) AddPage();
            position = _end++;
        }

        Entry(position) = new PeriodicFlowEntry
        {
            Key = key,
            Digest = digest,
            Occurrences = 1,
            LastSeenNanoseconds = first.Time.UnixNanoseconds,
        };
        First(position) = first;
        Place(digest, position);
        return position;
    }

    /// <summary>Forgets the entry at <paramref name="position"/>; its position is the next one <see cref="Add"/> takes.</summary>
    public void Remove(int position)
    {
        ref var entry = ref Entry(position);
        var slot = (int)entry.Digest & _indexMask;
        while ((int)(uint)_index[slot] - 1 != position) slot = (slot + 1) & _indexMask;

        // Backward-shift deletion: move up every later slot of the run that may sit at or before the hole, so
        // probes never meet a gap inside a run and no tombstones pile up.
        var hole = slot;
        for (var next = (hole + 1) & _indexMask; _index[next] != 0; next = (next + 1) & _indexMask)
        {
            var home = (int)(_index[next] >> 32) & _indexMask;
            var distanceToHole = (hole - home) & _indexMask;
            var distanceToNext = (next - home) & _indexMask;
            if (distanceToHole > distanceToNext) continue;
            _index[hole] = _index[next];
            hole = next;
        }

        _index[hole] = 0;
        entry = new PeriodicFlowEntry { NextFree = _free };
        First(position) = default;
        _free = position;
        _freeCount++;
    }

    public void Clear()
    {
        for (var page = 0; page < _pages; page++)
        {
            Array.Clear(_entries[page]);
            Array.Clear(_firsts[page]);
        }

        Array.Clear(_index);
        _end = 0;
        _free = NoFreePosition;
        _freeCount = 0;
    }

    private void AddPage()
    {
        var size = Math.Min(PageSize, _capacity - (_pages << PageShift));
        _entries[_pages] = new PeriodicFlowEntry[size];
        _firsts[_pages] = new PeriodicSighting[size];
        _pages++;

        var slots = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(((_pages - 1) << PageShift) + size) * IndexSlotsPerEntry);
        if (slots <= _index.Length) return;
        _index = new ulong[slots];
        _indexMask = slots - 1;
        for (var position = 0; position < _end; position++)
        {
            ref var entry = ref Entry(position);
            if (entry.Occurrences > 0) Place(entry.Digest, position);
        }
    }

    private void Place(uint digest, int position)
    {
        var slot = (int)digest & _indexMask;
        while (_index[slot] != 0) slot = (slot + 1) & _indexMask;
        _index[slot] = ((ulong)digest << 32) | (uint)(position + 1);
    }
}
