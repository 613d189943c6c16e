namespace Spoor.Detect;

/// <summary>
/// How many distinct destination ports one source has probed, counted exactly up to a small limit and then
/// only known to be above it: enough to tell a targeted probe of a few services from a port scan, in a few
/// bytes per source.
/// </summary>
internal sealed class PortBreadth
{
    private readonly ushort[] _ports;

    public PortBreadth(int limit)
    {
        _ports = new ushort[limit];
    }

    public int Count { get; private set; }

    /// <summary>The distinct ports counted, in the order first seen (all of them unless <see cref="Exceeded"/>).</summary>
    public ReadOnlySpan<ushort> Ports => _ports.AsSpan(0, Count);

    /// <summary>More distinct ports than the limit were probed.</summary>
    public bool Exceeded { get; private set; }

    public void Add(ushort port)
    {
        if (Exceeded) return;
        for (var i = 0; i < Count; i++)
        {
            if (_ports[i] == port) return;
        }

        if (Count == _ports.Length)
        {
            Exceeded = true;
            return;
        }

        _ports[Count++] = port;
    }
}
