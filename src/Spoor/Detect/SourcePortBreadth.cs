using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The distinct destination ports each source has probed (the first <see cref="Held"/>, then only that there were
/// more), so the probe detectors can leave wide probers to the scan detector. One table serves every probe detector
/// (see <see cref="DetectorCatalog"/>): a record is counted once however many detectors ask, and each detector reads
/// the ports outside its own table from it. No object per source: the table is an open-addressed array of slots
/// (one memory access per probe, where a dictionary takes two), and a slot holds its source's first
/// <see cref="InSlot"/> ports itself, so a flood of one-probe sources costs one 40-byte slot each; a source that
/// probes more moves its ports to a block of <see cref="Held"/> in a side array. Bounded at
/// <see cref="DetectionOptions.MaxSources"/>: when full, the table starts afresh (a breadth only ever holds back a
/// finding, so forgetting one errs towards reporting), and what was dropped is counted.
/// </summary>
internal sealed class SourcePortBreadth
{
    /// <summary>
    /// Distinct ports kept per source. A source that probed more is a port scanner whatever the detectors' tables
    /// hold; sixteen leaves room for every port of a targeted probe (four outside a table, seed 001 detect 1's two)
    /// beside a dozen of the table's own.
    /// </summary>
    public const int Held = 16;

    /// <summary>Ports kept in the source's own slot: most sources probe one or two, and four fill the slot's 40 bytes.</summary>
    private const int InSlot = 4;

    private const int InitialSlots = 256;

    private readonly int _maxSources;
    private Slot[] _slots = new Slot[InitialSlots];
    private int _count;

    /// <summary>The ports of sources that probed more than <see cref="InSlot"/>, a block each.</summary>
    private PortList[] _blocks = new PortList[8];
    private int _blockCount;

    private EvidenceRef _lastEvidence = new(-1, -1, EvidenceKind.Frame);
    private HostAddress _lastSource;
    private ushort _lastPort;

    public SourcePortBreadth(int maxSources)
    {
        _maxSources = maxSources;
    }

    public long Evicted { get; private set; }

    /// <summary>Counts the record's destination port for its source; a record already counted (asked by another detector) is not counted again.</summary>
    public void Add(in Observation o)
    {
        var source = o.Source;
        var port = o.DestinationPort;
        if (o.Evidence == _lastEvidence && port == _lastPort && source == _lastSource) return;
        _lastEvidence = o.Evidence;
        _lastSource = source;
        _lastPort = port;

        var index = Find(source);
        if (_slots[index].Count == 0)
        {
            if (_count >= _maxSources)
            {
                Evicted += _count;
                Array.Clear(_slots);
                _count = 0;
                _blockCount = 0;
                index = Find(source);
            }
            else if ((_count + 1) * 4 > _slots.Length * 3)
            {
                Grow();
                index = Find(source);
            }

            _count++;
            ref var fresh = ref _slots[index];
            fresh.Source = source;
            fresh.Ports[0] = port;
            fresh.Count = 1;
            return;
        }

        ref var slot = ref _slots[index];
        if (slot.Exceeded) return;
        if (Ports(slot).Contains(port)) return;
        if (slot.Count == Held)
        {
            slot.Exceeded = true;
            return;
        }

        if (slot.Count < InSlot)
        {
            slot.Ports[slot.Count++] = port;
            return;
        }

        if (slot.Count == InSlot) MoveToBlock(ref slot);
        _blocks[slot.Block][slot.Count++] = port;
    }

    /// <summary>
    /// The ports <paramref name="source"/> probed outside a detector's table, or null when there were none; it is
    /// wide (<see cref="PortBreadth.Exceeded"/>) when they number more than <paramref name="limit"/> or the source
    /// probed more than <see cref="Held"/> distinct ports in all.
    /// </summary>
    public PortBreadth? Outside(HostAddress source, Func<ushort, bool> inTable, int limit)
    {
        var index = Find(source);
        if (_slots[index].Count == 0) return null;
        var outside = new List<ushort>();
        foreach (var port in Ports(_slots[index]))
        {
            if (!inTable(port)) outside.Add(port);
        }

        var exceeded = _slots[index].Exceeded;
        if (outside.Count == 0 && !exceeded) return null;
        return new PortBreadth(CollectionsMarshal.AsSpan(outside), exceeded || outside.Count > limit);
    }

    /// <summary>The ports a slot holds, in the order first seen.</summary>
    private ReadOnlySpan<ushort> Ports(in Slot slot) =>
        slot.Count <= InSlot ? ((ReadOnlySpan<ushort>)slot.Ports)[..slot.Count] : ((ReadOnlySpan<ushort>)_blocks[slot.Block])[..slot.Count];

    private void MoveToBlock(ref Slot slot)
    {
        if (_blockCount == _blocks.Length) Array.Resize(ref _blocks, _blocks.Length * 2);
        slot.Block = _blockCount++;
        ((ReadOnlySpan<ushort>)slot.Ports).CopyTo(_blocks[slot.Block]);
    }

    /// <summary>The slot holding <paramref name="source"/>, else the empty slot where it would go (linear probing).</summary>
    private int Find(HostAddress source)
    {
        var mask = _slots.Length - 1;
        var index = (int)(source.Fingerprint() >> 32) & mask;
        while (_slots[index].Count != 0 && _slots[index].Source != source) index = (index + 1) & mask;
        return index;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        foreach (ref readonly var slot in old.AsSpan())
        {
            if (slot.Count != 0) _slots[Find(slot.Source)] = slot;
        }
    }

    /// <summary>A source and its ports: in the slot while they are few, else in <see cref="Block"/> of the side array. Empty while <see cref="Count"/> is 0.</summary>
    private struct Slot
    {
        public HostAddress Source;
        public SlotPorts Ports;
        public int Block;
        public byte Count;
        public bool Exceeded;
    }

    [InlineArray(InSlot)]
    private struct SlotPorts
    {
        private ushort _first;
    }

    [InlineArray(Held)]
    private struct PortList
    {
        private ushort _first;
    }
}
