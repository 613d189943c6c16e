using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The distinct destination ports each source has probed (the first <see cref="Held"/>, then only that there were
/// more), so the probe detectors can leave wide probers to the scan detector. One table serves every probe detector
/// (see <see cref="DetectorCatalog"/>): a record is counted once however many detectors ask, and each detector reads
/// the ports outside its own table from it. Ports live inline in the table's value (no object per source: a flood
/// of one-probe sources costs one entry each). Bounded at <see cref="DetectionOptions.MaxSources"/>: when full, the
/// table starts afresh (a breadth only ever holds back a finding, so forgetting one errs towards reporting), and
/// what was dropped is counted.
/// </summary>
internal sealed class SourcePortBreadth
{
    /// <summary>
    /// Distinct ports kept per source. A source that probed more is a port scanner whatever the detectors' tables
    /// hold; sixteen leaves room for every port of a targeted probe (four outside a table, seed 001 detect 1's two)
    /// beside a dozen of the table's own.
    /// </summary>
    public const int Held = 16;

    private readonly Dictionary<HostAddress, Entry> _sources = [];
    private readonly int _maxSources;
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

        if (_sources.Count >= _maxSources && !_sources.ContainsKey(source))
        {
            Evicted += _sources.Count;
            _sources.Clear();
        }

        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_sources, source, out _);
        if (entry.Exceeded) return;
        for (var i = 0; i < entry.Count; i++)
        {
            if (entry.Ports[i] == port) return;
        }

        if (entry.Count == Held)
        {
            entry.Exceeded = true;
            return;
        }

        entry.Ports[entry.Count++] = port;
    }

    /// <summary>
    /// The ports <paramref name="source"/> probed outside a detector's table, or null when there were none; it is
    /// wide (<see cref="PortBreadth.Exceeded"/>) when they number more than <paramref name="limit"/> or the source
    /// probed more than <see cref="Held"/> distinct ports in all.
    /// </summary>
    public PortBreadth? Outside(HostAddress source, Func<ushort, bool> inTable, int limit)
    {
        if (!_sources.TryGetValue(source, out var entry)) return null;
        ReadOnlySpan<ushort> held = entry.Ports;
        var outside = new List<ushort>();
        foreach (var port in held[..entry.Count])
        {
            if (!inTable(port)) outside.Add(port);
        }

        if (outside.Count == 0 && !entry.Exceeded) return null;
        return new PortBreadth(CollectionsMarshal.AsSpan(outside), entry.Exceeded || outside.Count > limit);
    }

    private struct Entry
    {
        public PortList Ports;
        public byte Count;
        public bool Exceeded;
    }

    [InlineArray(Held)]
    private struct PortList
    {
        private ushort _first;
    }
}
