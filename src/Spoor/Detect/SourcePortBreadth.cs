using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The <see cref="PortBreadth"/> of every source a probe detector has seen probe ports outside its own table,
/// so it can leave wide probers to the scan detector. Bounded at <see cref="DetectionOptions.MaxSources"/>: when
/// full, the table starts afresh (a breadth only ever holds back a finding, so forgetting one errs towards
/// reporting), and what was dropped is counted.
/// </summary>
internal sealed class SourcePortBreadth(int maxSources, int portLimit)
{
    private readonly Dictionary<HostAddress, PortBreadth> _sources = [];

    public long Evicted { get; private set; }

    public void Add(HostAddress source, ushort port)
    {
        if (!_sources.TryGetValue(source, out var breadth))
        {
            if (_sources.Count >= maxSources)
            {
                Evicted += _sources.Count;
                _sources.Clear();
            }

            _sources[source] = breadth = new PortBreadth(portLimit);
        }

        breadth.Add(port);
    }

    /// <summary>The source's breadth, or null when it probed no port outside the detector's table.</summary>
    public PortBreadth? Find(HostAddress source) => _sources.GetValueOrDefault(source);

    /// <summary>True when the source probed more distinct ports than a targeted probe would.</summary>
    public bool IsWide(HostAddress source) => _sources.TryGetValue(source, out var breadth) && breadth.Exceeded;
}
