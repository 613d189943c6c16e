using Spoor.Ingest;

namespace Spoor;

/// <summary>How far a running analysis has read its inputs, for a progress display on another thread.</summary>
public sealed class AnalysisProgress
{
    private IReadOnlyList<IObservationSource> _sources = [];

    public int InputCount => Volatile.Read(ref _sources).Count;

    /// <summary>Fraction of all inputs consumed, 0–1; inputs of unknown size count as unread until they end.</summary>
    public double Fraction
    {
        get
        {
            var sources = Volatile.Read(ref _sources);
            if (sources.Count == 0) return 0;
            double sum = 0;
            foreach (var source in sources) sum += source.Progress ?? 0;
            return sum / sources.Count;
        }
    }

    internal void Start(IReadOnlyList<IObservationSource> sources) => Volatile.Write(ref _sources, sources);
}
