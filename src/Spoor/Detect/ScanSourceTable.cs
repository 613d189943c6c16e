using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The scan detector's sources by address: an open-addressed table (linear probing, at most half full) of the
/// address's <see cref="HostAddress.TableHash"/> beside its state. Every packet that is not part of an established
/// connection looks up its destination (does it answer a prober?) and its source; most of those lookups miss, and a
/// miss here reads one 16-byte slot where a dictionary reads a bucket and then an entry elsewhere in memory. The hash is
/// keyed per process, so the slot order differs from run to run: whoever walks the table (advances, eviction, the end)
/// sorts what it takes before anything is reported.
/// </summary>
internal sealed class ScanSourceTable
{
    private const int InitialSlots = 1024;

    private Slot[] _slots = new Slot[InitialSlots];

    public int Count { get; private set; }

    /// <summary>The state of <paramref name="address"/>, or null.</summary>
    public ScanSourceState? Find(HostAddress address)
    {
        var hash = address.TableHash();
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            if (slot.State is null) return null;
            if (slot.Hash == hash && slot.State.Source == address) return slot.State;
        }
    }

    /// <summary>Adds a state whose source is not in the table.</summary>
    public void Add(ScanSourceState state)
    {
        if ((Count + 1) * 2 > _slots.Length) Grow();
        Place(_slots, state.Source.TableHash(), state);
        Count++;
    }

    /// <summary>Removes <paramref name="address"/>'s state, if held. The run after it is shifted back, so no slot is left marked deleted.</summary>
    public void Remove(HostAddress address)
    {
        var hash = address.TableHash();
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = (int)hash & mask;
        for (; ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            if (slot.State is null) return;
            if (slot.Hash == hash && slot.State.Source == address) break;
        }

        // Each later slot of the run moves into the hole unless its home lies cyclically in (hole, slot].
        var hole = i;
        for (var j = (i + 1) & mask; slots[j].State is not null; j = (j + 1) & mask)
        {
            var home = (int)slots[j].Hash & mask;
            var stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (stays) continue;
            slots[hole] = slots[j];
            hole = j;
        }

        slots[hole] = default;
        Count--;
    }

    /// <summary>Forgets every state.</summary>
    public void Clear()
    {
        Array.Clear(_slots);
        Count = 0;
    }

    /// <summary>The held states, in slot order (the same for the same sources in every run).</summary>
    public Enumerator GetEnumerator() => new(_slots);

    private void Grow()
    {
        var larger = new Slot[_slots.Length * 2];
        foreach (var slot in _slots)
        {
            if (slot.State is not null) Place(larger, slot.Hash, slot.State);
        }

        _slots = larger;
    }

    private static void Place(Slot[] slots, ulong hash, ScanSourceState state)
    {
        var mask = slots.Length - 1;
        var i = (int)hash & mask;
        while (slots[i].State is not null) i = (i + 1) & mask;
        slots[i] = new Slot(hash, state);
    }

    internal readonly record struct Slot(ulong Hash, ScanSourceState? State);

    /// <summary>Walks the occupied slots; the table must not change meanwhile.</summary>
    public struct Enumerator
    {
        private readonly Slot[] _slots;
        private int _index;

        internal Enumerator(Slot[] slots)
        {
            _slots = slots;
            _index = -1;
        }

        public readonly ScanSourceState Current => _slots[_index].State!;

        public bool MoveNext()
        {
            while (++_index < _slots.Length)
            {
                if (_slots[_index].State is not null) return true;
            }

            return false;
        }
    }
}
