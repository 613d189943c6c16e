using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The crafted-packet detector's held sources: one <see cref="CraftedSourceSlot"/> each, in pages that are never
/// copied as the table grows (a page of 512 slots stays off the large object heap; a freed slot is reused first), and
/// an index from source to slot.
/// </summary>
/// <remarks>
/// The index is open addressing with linear probing over 8-byte entries, at most half full: an entry is the slot
/// number and 32 bits of the source's <see cref="HostAddress.TableHash"/>, which also place it, so looking up a
/// source the table does not hold (most sources of a border capture send one SYN) reads the index alone, a few hundred
/// kilobytes, and a held one reads its slot, which the caller reads next anyway. A
/// <see cref="Dictionary{TKey,TValue}"/> keyed by address spent 40 bytes an entry and read its bucket array and then
/// its entry array. The hash is keyed per process; slots are walked in page order, which it does not touch.
/// </remarks>
internal sealed class CraftedSourceTable
{
    private const int PageShift = 9;
    private const int PageSize = 1 << PageShift;
    private const int InitialIndexSize = 1024;

    private readonly List<CraftedSourceSlot[]> _pages = [];
    private readonly Stack<int> _freeSlots = new();
    private int _slotsMade;
    private ulong[] _index = new ulong[InitialIndexSize];
    private int _mask = InitialIndexSize - 1;

    public int Count { get; private set; }

    public ref CraftedSourceSlot this[int slot] => ref _pages[slot >> PageShift][slot & (PageSize - 1)];

    public bool TryFind(HostAddress source, out int slot)
    {
        var tag = Tag(source);
        for (var i = Home(tag); ; i = (i + 1) & _mask)
        {
            var entry = _index[i];
            if (entry == 0) break;
            if ((uint)(entry >> 32) == tag && this[SlotOf(entry)].Source == source)
            {
                slot = SlotOf(entry);
                return true;
            }
        }

        slot = -1;
        return false;
    }

    /// <summary>Adds <paramref name="source"/>, which must not be held yet: the number of its slot, empty but for the source.</summary>
    public int Add(HostAddress source)
    {
        if ((Count + 1) * 2 > _index.Length) GrowIndex();
        if (!_freeSlots.TryPop(out var slot))
        {
            if ((_slotsMade & (PageSize - 1)) == 0) _pages.Add(new CraftedSourceSlot[PageSize]);
            slot = _slotsMade++;
        }

        this[slot] = new CraftedSourceSlot { Source = source, Held = true };
        Place(((ulong)Tag(source) << 32) | (uint)(slot + 1));
        Count++;
        return slot;
    }

    /// <summary>Forgets the source in <paramref name="slot"/> and frees the slot.</summary>
    public void Remove(int slot)
    {
        var i = Home(Tag(this[slot].Source));
        while (SlotOf(_index[i]) != slot) i = (i + 1) & _mask;

        // Backward-shift deletion (Knuth's algorithm R, TAOCP 6.4): an entry after the hole moves into it unless its
        // home lies cyclically after the hole and at or before the entry itself.
        var hole = i;
        for (var j = (hole + 1) & _mask; _index[j] != 0; j = (j + 1) & _mask)
        {
            var home = Home((uint)(_index[j] >> 32));
            var stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (stays) continue;
            _index[hole] = _index[j];
            hole = j;
        }

        _index[hole] = 0;
        this[slot] = default;
        _freeSlots.Push(slot);
        Count--;
    }

    /// <summary>The held slots' numbers, in slot order; the table must not change while they are listed.</summary>
    public Enumerator GetEnumerator() => new(this);

    public void Clear()
    {
        _pages.Clear();
        _freeSlots.Clear();
        _slotsMade = 0;
        _index = new ulong[InitialIndexSize];
        _mask = InitialIndexSize - 1;
        Count = 0;
    }

    private static uint Tag(HostAddress source) => (uint)(source.TableHash() >> 32);

    private int Home(uint tag) => (int)(tag & (uint)_mask);

    private static int SlotOf(ulong entry) => (int)(uint)entry - 1;

    private void Place(ulong entry)
    {
        var i = Home((uint)(entry >> 32));
        while (_index[i] != 0) i = (i + 1) & _mask;
        _index[i] = entry;
    }

    private void GrowIndex()
    {
        var old = _index;
        _index = new ulong[old.Length * 2];
        _mask = _index.Length - 1;
        foreach (var entry in old)
        {
            if (entry != 0) Place(entry);
        }
    }

    /// <summary>Lists slots by walking the pages in order (memory in sequence, not the index's scattered order).</summary>
    public ref struct Enumerator
    {
        private readonly CraftedSourceTable _table;
        private int _slot;

        internal Enumerator(CraftedSourceTable table)
        {
            _table = table;
            _slot = -1;
        }

        public readonly int Current => _slot;

        public bool MoveNext()
        {
            while (++_slot < _table._slotsMade)
            {
                if (_table[_slot].Held) return true;
            }

            return false;
        }
    }
}

/// <summary>
/// One source held by the crafted-packet detector: its state, or while it has sent one ordinary probe only, that
/// probe (<see cref="First"/>) with what the detector found of it: its OS-probe index and whether it was tested for
/// unicornscan's key.
/// </summary>
internal struct CraftedSourceSlot
{
    public HostAddress Source;
    public CraftedSourceState? State;
    public CraftedProbe First;
    public sbyte FirstOsProbe;
    public bool FirstKeyed;

    /// <summary>The slot holds a source (a freed or never used one does not).</summary>
    public bool Held;
}
