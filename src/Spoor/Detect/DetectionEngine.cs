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

    /// <summary>Marks UDP answers to recent flows (see <see cref="RecentFlows"/>); null where another engine marks them.</summary>
    private readonly RecentFlows? _replies;
    private long _nextAdvance = long.MinValue;
    private Timestamp _latest;

    public DetectionEngine(IReadOnlyList<IDetector> detectors, DetectionOptions? options = null)
        : this(detectors, options, markObservations: true)
    {
    }

    /// <param name="markObservations">
    /// False for an engine that is handed observations another engine has already marked (established segments and
    /// replies).
    /// </param>
    internal DetectionEngine(IReadOnlyList<IDetector> detectors, DetectionOptions? options, bool markObservations)
    {
        var settings = options ?? DetectionOptions.Default;
        _detectors = [.. detectors];
        ReadsEstablished = _detectors.Aggregate(EstablishedSegments.None, (reads, d) => reads | d.ReadsEstablished);
        _connections = new ConnectionTracker(markObservations ? settings.MaxTrackedConnections : 0);
        _replies = markObservations ? new RecentFlows(settings.MaxRecentFlows) : null;
    }

    public DetectionEngine(DetectionOptions options)
        : this(DetectorCatalog.Create(options), options)
    {
    }

    public IReadOnlyList<IDetector> Detectors => _detectors;

    /// <summary>The established segments any of this engine's detectors reads: what a feeder must not withhold.</summary>
    internal EstablishedSegments ReadsEstablished { get; }

    /// <summary>
    /// True when the last observation started the engine's clock or moved it on (detectors were told the time): a
    /// second engine fed a subset of the stream must be fed that observation to keep the same clock.
    /// </summary>
    internal bool ClockMoved { get; private set; }

    /// <summary>The latest time any observation has carried.</summary>
    internal Timestamp Latest => _latest;

    /// <summary>
    /// Whether an engine whose detectors read <paramref name="reads"/> must be given <paramref name="observation"/>,
    /// which this engine has just taken: every observation but the established segments none of them reads, and
    /// always one that moved the clock.
    /// </summary>
    internal bool MustForward(in Observation observation, EstablishedSegments reads) =>
        ClockMoved
        || !observation.Has(ObservationFields.Established)
        || reads == EstablishedSegments.All
        || ((reads & EstablishedSegments.Smtp) != 0 && (observation.SourcePort == SmtpSessionTracker.SmtpPort || observation.DestinationPort == SmtpSessionTracker.SmtpPort))
        || ((reads & EstablishedSegments.Anomalous) != 0 && CraftedPacketDetector.Anomalies(observation) != 0);

    /// <summary>Another engine saw the whole stream and this one part of it: the stream ended at <paramref name="latest"/>.</summary>
    internal void SeeStreamEnd(Timestamp latest)
    {
        if (latest.UnixNanoseconds > _latest.UnixNanoseconds || _latest.FractionDigits == 0) _latest = latest;
    }

    /// <summary>Takes one observation (copied, so the engine can mark it).</summary>
    public void Observe(in Observation observation)
    {
        var copy = observation;
        ObserveInPlace(ref copy);
    }

    /// <summary>Takes one observation, marking it in place with what the engine knows of its connection.</summary>
    public void ObserveInPlace(ref Observation observation)
    {
        _connections.Mark(ref observation);
        _replies?.Mark(ref observation);
        ClockMoved = false;
        if (observation.Has(ObservationFields.Time))
        {
            var now = observation.Time.UnixNanoseconds;
            if (now > _latest.UnixNanoseconds || _latest.FractionDigits == 0) _latest = observation.Time;
            if (_nextAdvance == long.MinValue)
            {
                _nextAdvance = now + AdvanceIntervalNanoseconds;
                ClockMoved = true;
            }
            else if (now >= _nextAdvance)
            {
                foreach (var detector in _detectors) detector.Advance(observation.Time, this);
                _nextAdvance = now + AdvanceIntervalNanoseconds;
                ClockMoved = true;
            }
        }

        var detectors = _detectors;
        for (var i = 0; i < detectors.Length; i++) detectors[i].Observe(observation);
    }

    /// <summary>Ends the stream and returns every finding, ordered by first sighting, kind, sources and targets.</summary>
    public IReadOnlyList<Finding> Complete()
    {
        foreach (var detector in _detectors)
        {
            if (detector is IJudgesAtStreamEnd judge && _latest.FractionDigits != 0) judge.StreamEndsAt(_latest);
            detector.Complete(this);
        }

        _findings.Sort(FindingOrder.Instance);
        return _findings;
    }

    void IFindingSink.Add(Finding finding) => _findings.Add(finding);
}
