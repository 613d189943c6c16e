using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// Feeds the observation stream to every detector, advances their clocks from the observations' own time
/// (so closed windows are emitted and their state freed as the stream goes), and collects the findings in a
/// deterministic order.
/// </summary>
public sealed class DetectionEngine : IFindingSink
{
    /// <summary>How often, in stream time, detectors are told the time: a minute keeps window state small at negligible cost.</summary>
    private const long AdvanceIntervalNanoseconds = 60 * Timestamp.NanosecondsPerSecond;

    /// <summary>An array, walked by index: a foreach over an interface-typed list allocates an enumerator per packet.</summary>
    private readonly IDetector[] _detectors;
    private readonly List<Finding> _findings = [];

    /// <summary>Marks segments of completed handshakes so detectors can pass them over (see <see cref="ConnectionTracker"/>).</summary>
    private readonly ConnectionTracker _connections;
    private long _nextAdvance = long.MinValue;
    private Timestamp _latest;

    public DetectionEngine(IReadOnlyList<IDetector> detectors, DetectionOptions? options = null)
        : this(detectors, options, trackConnections: true)
    {
    }

    /// <param name="trackConnections">False for an engine that is handed observations another engine has already marked.</param>
    internal DetectionEngine(IReadOnlyList<IDetector> detectors, DetectionOptions? options, bool trackConnections)
    {
        _detectors = [.. detectors];
        _connections = new ConnectionTracker(trackConnections ? (options ?? DetectionOptions.Default).MaxTrackedConnections : 0);
    }

    public DetectionEngine(DetectionOptions options)
        : this(DetectorCatalog.Create(options), options)
    {
    }

    public IReadOnlyList<IDetector> Detectors => _detectors;

    /// <summary>Takes one observation (copied, so the connection tracker can mark it).</summary>
    public void Observe(in Observation observation)
    {
        var copy = observation;
        ObserveInPlace(ref copy);
    }

    /// <summary>Takes one observation, marking it in place with what the engine knows of its connection.</summary>
    public void ObserveInPlace(ref Observation observation)
    {
        _connections.Mark(ref observation);
        if (observation.Has(ObservationFields.Time))
        {
            var now = observation.Time.UnixNanoseconds;
            if (now > _latest.UnixNanoseconds || _latest.FractionDigits == 0) _latest = observation.Time;
            if (_nextAdvance == long.MinValue) _nextAdvance = now + AdvanceIntervalNanoseconds;
            else if (now >= _nextAdvance)
            {
                foreach (var detector in _detectors) detector.Advance(observation.Time, this);
                _nextAdvance = now + AdvanceIntervalNanoseconds;
            }
        }

        var detectors = _detectors;
        for (var i = 0; i < detectors.Length; i++) detectors[i].Observe(observation);
    }

    /// <summary>Ends the stream and returns every finding, ordered by first sighting, kind, sources and targets.</summary>
    public IReadOnlyList<Finding> Complete()
    {
        foreach (var detector in _detectors) detector.Complete(this);
        _findings.Sort(FindingOrder.Instance);
        return _findings;
    }

    void IFindingSink.Add(Finding finding) => _findings.Add(finding);
}
