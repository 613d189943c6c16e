namespace Spoor.Detect;

/// <summary>
/// How many distinct destination ports one source has probed, counted exactly up to a small limit and then
/// only known to be above it: enough to tell a targeted probe of a few services from a port scan.
/// </summary>
internal sealed class PortBreadth
{
    private readonly ushort[] _ports;

    public PortBreadth(ReadOnlySpan<ushort> ports, bool exceeded)
    {
        _ports = ports.ToArray();
        Exceeded = exceeded;
    }

    public int Count => _ports.Length;

    /// <summary>The distinct ports counted, in the order first seen (all of them unless <see cref="Exceeded"/>).</summary>
    public ReadOnlySpan<ushort> Ports => _ports;

    /// <summary>More distinct ports than the limit were probed.</summary>
    public bool Exceeded { get; }
}
