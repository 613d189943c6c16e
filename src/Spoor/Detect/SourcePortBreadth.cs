using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The distinct destination ports each source has probed (the first <see cref="Held"/>, then only that there were
/// more), so the probe detectors can leave wide probers to the scan detector. One table serves every probe detector
/// (see <see cref="DetectorCatalog"/>): a record is counted once however many detectors ask, and each detector reads
/// the ports outside its own table from it. No object per source: IPv4 sources live in an open-addressed array of
/// 16-byte slots (one memory access per probe, where a dictionary takes two, and a quarter of a dictionary entry's
/// memory), other sources in a dictionary; a source's first <see cref="InEntry"/> ports are kept in its entry, so a
/// flood of one-probe sources costs one slot each, and a source that probes more moves its ports to a block of
/// <see cref="Held"/> in a side array. Bounded at <see cref="DetectionOptions.MaxSources"/>: when full, the table
/// starts afresh (a breadth only ever holds back a finding, so forgetting one errs towards reporting), and what was
/// dropped is counted.
/// </summary>
internal sealed class SourcePortBreadth
{
    /// <summary>
    /// Distinct ports kept per source. A source that probed more is a port scanner whatever the detectors' tables
    /// hold; sixteen leaves room for every port of a targeted probe (four outside a table, seed 001 detect 1's two)
    /// beside a dozen of the table's own.
    /// </summary>
    public const int Held = 16;

    /// <summary>Ports kept in the source's own entry: most sources probe one or two, and three fill a 16-byte slot.</summary>
    private const int InEntry = 3;

    private const int InitialSlots = 1024;

    private readonly int _maxSources;

    /// <summary>IPv4 sources by address, open-addressed with linear probing, at most three quarters full.</summary>
    private IPv4Slot[] _ipv4 = new IPv4Slot[InitialSlots];
    private int _ipv4Count;

    /// <summary>IPv6 and named sources: rare beside IPv4 at a border, kept the plain way.</summary>
    private readonly Dictionary<HostAddress, Entry> _others = [];

    /// <summary>The ports of sources that probed more than <see cref="InEntry"/>, a block each.</summary>
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

    private int Count => _ipv4Count + _others.Count;

    /// <summary>Counts the record's destination port for its source; a record already counted (asked by another detector) is not counted again.</summary>
    public void Add(in Observation o)
    {
        var source = o.Source;
        var port = o.DestinationPort;
        if (o.Evidence == _lastEvidence && port == _lastPort && source == _lastSource) return;
        _lastEvidence = o.Evidence;
        _lastSource = source;
        _lastPort = port;
        AddPort(ref EntryOf(source), port);
    }

    /// <summary>
    /// The ports <paramref name="source"/> probed outside a detector's table, or null when there were none; it is
    /// wide (<see cref="PortBreadth.Exceeded"/>) when they number more than <paramref name="limit"/> or the source
    /// probed more than <see cref="Held"/> distinct ports in all.
    /// </summary>
    public PortBreadth? Outside(HostAddress source, Func<ushort, bool> inTable, int limit)
    {
        Entry entry;
        if (source.Kind == HostAddressKind.IPv4)
        {
            ref var slot = ref _ipv4[Find(source.IPv4Value)];
            if (slot.Entry.Count == 0) return null;
            entry = slot.Entry;
        }
        else if (!_others.TryGetValue(source, out entry))
        {
            return null;
        }

        List<ushort>? outside = null;
        foreach (var port in Ports(entry))
        {
            if (!inTable(port)) (outside ??= []).Add(port);
        }

        if (outside is null && !entry.Exceeded) return null;
        var count = outside?.Count ?? 0;
        return new PortBreadth(CollectionsMarshal.AsSpan(outside), entry.Exceeded || count > limit);
    }

    /// <summary>The source's entry, made (empty) if it has none; a full table is emptied first.</summary>
    private ref Entry EntryOf(HostAddress source)
    {
        if (source.Kind != HostAddressKind.IPv4)
        {
            if (Count >= _maxSources && !_others.ContainsKey(source)) StartAfresh();
            return ref CollectionsMarshal.GetValueRefOrAddDefault(_others, source, out _);
        }

        var address = source.IPv4Value;
        var index = Find(address);
        if (_ipv4[index].Entry.Count != 0) return ref _ipv4[index].Entry;
        if (Count >= _maxSources)
        {
            StartAfresh();
            index = Find(address);
        }
        else if ((_ipv4Count + 1) * 4 > _ipv4.Length * 3)
        {
            Grow();
            index = Find(address);
        }

        _ipv4Count++;
        _ipv4[index].Address = address;
        return ref _ipv4[index].Entry;
    }

    private void AddPort(ref Entry entry, ushort port)
    {
        if (entry.Exceeded) return;
        if (Ports(entry).Contains(port)) return;
        if (entry.Count == Held)
        {
            entry.Exceeded = true;
            return;
        }

        if (entry.Count < InEntry)
        {
            entry.Ports[entry.Count++] = port;
            return;
        }

        if (entry.Count == InEntry) MoveToBlock(ref entry);
        _blocks[entry.Block][entry.Count++] = port;
    }

    private void StartAfresh()
    {
        Evicted += Count;
        Array.Clear(_ipv4);
        _ipv4Count = 0;
        _others.Clear();
        _blockCount = 0;
    }

    /// <summary>The ports an entry holds, in the order first seen.</summary>
    private ReadOnlySpan<ushort> Ports(in Entry entry) =>
        entry.Count <= InEntry ? ((ReadOnlySpan<ushort>)entry.Ports)[..entry.Count] : ((ReadOnlySpan<ushort>)_blocks[entry.Block])[..entry.Count];

    private void MoveToBlock(ref Entry entry)
    {
        if (_blockCount == _blocks.Length) Array.Resize(ref _blocks, _blocks.Length * 2);
        entry.Block = _blockCount++;
        ((ReadOnlySpan<ushort>)entry.Ports).CopyTo(_blocks[entry.Block]);
    }

    /// <summary>The slot holding <paramref name="address"/>, else the empty slot where it would go.</summary>
    private int Find(uint address)
    {
        // Keyed per process (see HostAddress.TableHash): the sender chooses its address, and a public spread would let
        // it choose thousands that share one home slot.
        var mask = _ipv4.Length - 1;
        var index = (int)(HostAddress.FromIPv4(address).TableHash() & (ulong)mask);
        while (_ipv4[index].Entry.Count != 0 && _ipv4[index].Address != address) index = (index + 1) & mask;
        return index;
    }

    private void Grow()
    {
        var old = _ipv4;
        _ipv4 = new IPv4Slot[old.Length * 2];
        foreach (ref readonly var slot in old.AsSpan())
        {
            if (slot.Entry.Count != 0) _ipv4[Find(slot.Address)] = slot;
        }
    }

    /// <summary>A source's ports: in the entry while they are few, else in <see cref="Block"/> of the side array. Empty while <see cref="Count"/> is 0.</summary>
    private struct Entry
    {
        public EntryPorts Ports;
        public byte Count;
        public bool Exceeded;
        public int Block;
    }

    private struct IPv4Slot
    {
        public uint Address;
        public Entry Entry;
    }

    [InlineArray(InEntry)]
    private struct EntryPorts
    {
        private ushort _first;
    }

    [InlineArray(Held)]
    private struct PortList
    {
        private ushort _first;
    }
}
