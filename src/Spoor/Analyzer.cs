using Spoor.Detect;
using Spoor.Evidence;
using Spoor.Ingest;

namespace Spoor;

/// <summary>
/// Runs the pipeline over a set of inputs: every input is opened and sniffed, the inputs are merged in
/// time order, each record counted, and records of one packet from several sensors marked as duplicates.
/// Every observation then goes to the detectors, which yield the findings.
/// </summary>
public static class Analyzer
{
    public static AnalysisResult Run(IReadOnlyList<string> paths, IngestOptions? options = null, AnalysisProgress? progress = null,
        DetectionOptions? detection = null, CancellationToken cancellation = default)
    {
        var sources = new IObservationSource[paths.Count];
        for (var i = 0; i < paths.Count; i++) sources[i] = InputOpener.Open(paths[i], i, options);
        var settings = detection ?? DetectionOptions.Default;
        return Run(sources, DetectorCatalog.Create(settings), options?.DuplicateWindow, progress, settings, cancellation);
    }

    /// <summary>Runs the pipeline over open sources (files, pipes, live capture) with the given detectors; the sources are disposed.</summary>
    public static AnalysisResult Run(IReadOnlyList<IObservationSource> sources, IReadOnlyList<IDetector> detectors, TimeSpan? duplicateWindow = null,
        AnalysisProgress? progress = null, DetectionOptions? detection = null, CancellationToken cancellation = default)
    {
        progress?.Start(sources);

        // A lone single-sensor capture cannot hold two sensors' copies of a packet: skip the marker's work.
        var duplicates = sources.Count == 1 && sources[0].IsSingleSensor ? null : new DuplicateMarker(duplicateWindow);
        var engine = new DetectionEngine(detectors, detection);
        using var merger = new ObservationMerger(sources);
        long read = 0;
        while (merger.TryRead(out var observation))
        {
            if ((++read & 0xFFF) == 0) cancellation.ThrowIfCancellationRequested();
            if (duplicates is not null && duplicates.Mark(ref observation)) sources[observation.Evidence.Input].Accounting.CountDuplicate();
            engine.ObserveInPlace(ref observation);
        }

        return new AnalysisResult(sources.Select(s => s.Accounting).ToList(), engine.Complete());
    }

    /// <summary>Reads every observation of one source; the decode-only baseline the benchmark measures.</summary>
    public static long Drain(IObservationSource source)
    {
        long count = 0;
        while (source.TryRead(out Observation _)) count++;
        return count;
    }
}
