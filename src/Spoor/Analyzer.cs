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
        progress?.Start(sources);

        var duplicates = new DuplicateMarker(options?.DuplicateWindow);
        var engine = new DetectionEngine(detection ?? DetectionOptions.Default);
        using var merger = new ObservationMerger(sources);
        long read = 0;
        while (merger.TryRead(out var observation))
        {
            if ((++read & 0xFFF) == 0) cancellation.ThrowIfCancellationRequested();

            if (duplicates.Mark(ref observation)) sources[observation.Evidence.Input].Accounting.CountDuplicate();
            engine.Observe(observation);
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
