using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The periodic detector's flows: entries in pages, found through an open-addressed index whose slots hold a 32-bit
/// digest of the key, the entry's position and, once the flow has come back, its state. A flow that keeps coming back
/// is found and confirmed (by the key its state holds) through its slot and its state alone, two memory reads, never
/// touching its entry; a new flow costs a probe of the index and one entry written; a second sighting reads the entry
/// for the key and the first sighting kept inline.
/// </summary>
/// <remarks>
/// Positions are handed out like <see cref="Dictionary{TKey,TValue}"/> hands out its entries (a freed position is
/// the next one taken, otherwise the next unused one), so walking positions in order visits the flows in the order a
/// dictionary would, and findings emitted by a sweep come out in the same order. Pages are added as the table
/// fills, so nothing is copied when it grows and a small input allocates little; only the index is rebuilt.
/// </remarks>
internal sealed class PeriodicFlowTable
{
    /// <summary>Entries per page: 1,024 × 128 bytes.</summary>
    private const int PageShift = 10;

    private const int PageSize = 1 << PageShift;

    private const int PageMask = PageSize - 1;

    /// <summary>The index is kept at most half full, so a probe for a missing key stops after about two slots.</summary>
    private const int IndexSlotsPerEntry = 2;

    /// <summary>The index grows fourfold when it must grow: it is rebuilt less often, and the ones outgrown add up to a third of it.</summary>
    private const int IndexGrowth = 4;

    private readonly int _capacity;
    private readonly PeriodicFlowEntry[][] _entries;
    private Slot[] _index = [];
    private int _indexMask;
    private int _pages;
    private int _end;

    /// <summary>Freed positions, the last freed on top: a dictionary's free list, kept apart so taking one reads no entry.</summary>
    private int[] _free = [];
    private int _freeCount;

    /// <param name="capacity">Flows held at most: the caller makes room before adding past it.</param>
    public PeriodicFlowTable(int capacity)
    {
        _capacity = Math.Max(1, capacity);
        _entries = new PeriodicFlowEntry[(_capacity + PageSize - 1) >> PageShift][];
    }

    public int Count => _end - _freeCount;

    /// <summary>One past the highest position in use: live entries lie below it (<see cref="PeriodicFlowEntry.InUse"/> tells which).</summary>
    public int End => _end;

    public ref PeriodicFlowEntry Entry(int position) => ref _entries[position >> PageShift][position & PageMask];

    public static uint Digest(in PeriodicFlowKey key)
    {
        var service = ((ulong)key.Protocol << 16) | key.Service;
        return (uint)(HostAddress.Mix(key.Source.TableHash() ^ service) >> 32);
    }

    /// <summary>The index slot of <paramref name="key"/>, or -1 when the table does not hold it.</summary>
    public int Find(in PeriodicFlowKey key, uint digest)
    {
        var index = _index;
        if (index.Length == 0) return -1;
        for (var slot = (int)digest & _indexMask; ; slot = (slot + 1) & _indexMask)
        {
            ref var held = ref index[slot];
            if (held.Tag == 0) return -1;
            if (DigestOf(held.Tag) != digest) continue;
            var found = held.State is { } state ? state.Key == key : Entry(PositionOf(held.Tag)).Key == key;
            if (found) return slot;
        }
    }

    /// <summary>The state of the flow found at <paramref name="slot"/>, null while it has been seen once.</summary>
    public PeriodicFlowState? StateAt(int slot) => _index[slot].State;

    public int PositionAt(int slot) => PositionOf(_index[slot].Tag);

    /// <summary>Gives the flow found at <paramref name="slot"/> its state.</summary>
    public void Attach(int slot, PeriodicFlowState state)
    {
        _index[slot].State = state;
        Entry(PositionOf(_index[slot].Tag)).State = state;
    }

    /// <summary>Adds <paramref name="key"/> (not held, and the table not full) seen once, at <paramref name="first"/>.</summary>
    public void Add(in PeriodicFlowKey key, uint digest, in PeriodicSighting first)
    {
        int position;
        if (_freeCount > 0)
        {
            position = _free[--_freeCount];
        }
        else
        {
            if (_end == _pages << PageShift) AddPage();
            position = _end++;
        }

        ref var entry = ref Entry(position);
        entry.Key = key;
        entry.State = null;
        entry.First = first;
        entry.InUse = true;
        Place(digest, position, null);
    }

    /// <summary>Forgets the entry at <paramref name="position"/>; its position is the next one <see cref="Add"/> takes.</summary>
    public void Remove(int position)
    {
        ref var entry = ref Entry(position);
        var slot = (int)Digest(entry.Key) & _indexMask;
        while (PositionOf(_index[slot].Tag) != position) slot = (slot + 1) & _indexMask;

        // Backward-shift deletion: move up every later slot of the run that may sit at or before the hole, so
        // probes never meet a gap inside a run and no tombstones pile up.
        var hole = slot;
        for (var next = (hole + 1) & _indexMask; _index[next].Tag != 0; next = (next + 1) & _indexMask)
        {
            var home = (int)DigestOf(_index[next].Tag) & _indexMask;
            if (((hole - home) & _indexMask) > ((next - home) & _indexMask)) continue;
            _index[hole] = _index[next];
            hole = next;
        }

        _index[hole] = default;
        entry.State = null;
        entry.InUse = false;
        if (_freeCount == _free.Length) Array.Resize(ref _free, Math.Min(Math.Max(PageSize, _free.Length * 2), _capacity));
        _free[_freeCount++] = position;
    }

    public void Clear()
    {
        for (var page = 0; page < _pages; page++) Array.Clear(_entries[page]);
        Array.Clear(_index);
        _end = 0;
        _freeCount = 0;
    }

    private static uint DigestOf(ulong tag) => (uint)(tag >> 32);

    private static int PositionOf(ulong tag) => (int)(uint)tag - 1;

    private void AddPage()
    {
        _entries[_pages] = new PeriodicFlowEntry[Math.Min(PageSize, _capacity - (_pages << PageShift))];
        _pages++;

        var needed = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Min(_capacity, _pages << PageShift) * IndexSlotsPerEntry);
        if (needed <= _index.Length) return;
        var most = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)_capacity * IndexSlotsPerEntry);
        var slots = Math.Min(Math.Max(needed, _index.Length * IndexGrowth), most);
        var old = _index;
        _index = new Slot[slots];
        _indexMask = slots - 1;
        foreach (var held in old)
        {
            if (held.Tag != 0) Place(DigestOf(held.Tag), PositionOf(held.Tag), held.State);
        }
    }

    private void Place(uint digest, int position, PeriodicFlowState? state)
    {
        var slot = (int)digest & _indexMask;
        while (_index[slot].Tag != 0) slot = (slot + 1) & _indexMask;
        _index[slot] = new Slot { Tag = ((ulong)digest << 32) | (uint)(position + 1), State = state };
    }

    /// <summary>The key's digest in the high half of the tag and its position + 1 in the low half (0: an empty slot); the flow's state once it has one.</summary>
    private struct Slot
    {
        public ulong Tag;

        public PeriodicFlowState? State;
    }
}
