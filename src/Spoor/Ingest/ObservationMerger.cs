using Spoor.Evidence;

namespace Spoor.Ingest;

/// <summary>
/// Merges several inputs into one stream in time order (ties: lower input first), so evidence from a
/// capture, a router log and a host log interleaves as it happened. Each input is read in its own order;
/// a record without a time keeps its place after its input's previous record.
/// </summary>
public sealed class ObservationMerger : IDisposable
{
    private readonly IReadOnlyList<IObservationSource> _sources;
    private readonly Observation[] _heads;
    private readonly long[] _headTimes;
    private readonly PriorityQueue<int, (long Time, int Input)> _queue = new();

    public ObservationMerger(IReadOnlyList<IObservationSource> sources)
    {
        _sources = sources;
        _heads = new Observation[sources.Count];
        _headTimes = new long[sources.Count];
        if (sources.Count == 1) return;
        for (var i = 0; i < sources.Count; i++)
        {
            _headTimes[i] = long.MinValue;
            Pull(i);
        }
    }

    /// <summary>The source currently being read from (for progress display).</summary>
    public int CurrentInput { get; private set; }

    public bool TryRead(out Observation observation)
    {
        // One input needs no ordering: read straight through (the common case, and the hot path).
        if (_sources.Count == 1) return _sources[0].TryRead(out observation);
        if (!_queue.TryDequeue(out var input, out _))
        {
            observation = default;
            return false;
        }

        observation = _heads[input];
        CurrentInput = input;
        Pull(input);
        return true;
    }

    private void Pull(int input)
    {
        if (!_sources[input].TryRead(out _heads[input])) return;
        ref var head = ref _heads[input];
        if (head.Has(ObservationFields.Time)) _headTimes[input] = head.Time.UnixNanoseconds;
        _queue.Enqueue(input, (_headTimes[input], input));
    }

    public void Dispose()
    {
        foreach (var source in _sources) source.Dispose();
    }
}
