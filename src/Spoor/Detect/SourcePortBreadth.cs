using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The <see cref="PortBreadth"/> of every source a probe detector has seen probe ports outside its own table,
/// so it can leave wide probers to the scan detector. Each source's ports are kept inline in the table's value
/// (no object per source: a flood of one-probe sources costs one table entry each). Bounded at
/// <see cref="DetectionOptions.MaxSources"/>: when full, the table starts afresh (a breadth only ever holds back a
/// finding, so forgetting one errs towards reporting), and what was dropped is counted.
/// </summary>
internal sealed class SourcePortBreadth
{
    /// <summary>Ports a source's entry can hold inline: the limit of a targeted probe is a handful (see <see cref="DetectionOptions.MaxPortsForTargetedProbe"/>).</summary>
    public const int MaxLimit = 8;

    private readonly Dictionary<HostAddress, Entry> _sources = [];
    private readonly int _maxSources;
    private readonly int _portLimit;

    public SourcePortBreadth(int maxSources, int portLimit)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(portLimit, MaxLimit);
        ArgumentOutOfRangeException.ThrowIfNegative(portLimit);
        _maxSources = maxSources;
        _portLimit = portLimit;
    }

    public long Evicted { get; private set; }

    public void Add(HostAddress source, ushort port)
    {
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

        if (entry.Count == _portLimit)
        {
            entry.Exceeded = true;
            return;
        }

        entry.Ports[entry.Count++] = port;
    }

    /// <summary>The source's breadth, or null when it probed no port outside the detector's table.</summary>
    public PortBreadth? Find(HostAddress source)
    {
        if (!_sources.TryGetValue(source, out var entry)) return null;
        ReadOnlySpan<ushort> ports = entry.Ports;
        return new PortBreadth(ports[..entry.Count], entry.Exceeded);
    }

    /// <summary>True when the source probed more distinct ports than a targeted probe would.</summary>
    public bool IsWide(HostAddress source) => _sources.TryGetValue(source, out var entry) && entry.Exceeded;

    private struct Entry
    {
        public PortList Ports;
        public byte Count;
        public bool Exceeded;
    }

    [InlineArray(MaxLimit)]
    private struct PortList
    {
        private ushort _first;
    }
}
