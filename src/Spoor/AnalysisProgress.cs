using Spoor.Ingest;

namespace Spoor;

/// <summary>Where a running analysis is, for a progress display on another thread.</summary>
public sealed class AnalysisProgress
{
    private IObservationSource? _current;

    public int InputCount { get; internal set; }

    public int CurrentInput { get; internal set; }

    public string CurrentPath { get; internal set; } = string.Empty;

    /// <summary>Fraction of the current input consumed, where its size is known.</summary>
    public double? CurrentFraction => Volatile.Read(ref _current)?.Progress;

    internal void Enter(int input, string path, IObservationSource source)
    {
        CurrentInput = input;
        CurrentPath = path;
        Volatile.Write(ref _current, source);
    }
}
