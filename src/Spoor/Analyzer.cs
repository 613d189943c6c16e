using Spoor.Evidence;
using Spoor.Ingest;

namespace Spoor;

/// <summary>
/// Runs the pipeline over a set of inputs: every input is opened, sniffed and read to the end, each record
/// counted. Detection and assessment hook in here as they arrive; today the run yields the inputs' books.
/// </summary>
public static class Analyzer
{
    public static AnalysisResult Run(IReadOnlyList<string> paths, IngestOptions? options = null, AnalysisProgress? progress = null, CancellationToken cancellation = default)
    {
        var inputs = new List<InputAccounting>(paths.Count);
        if (progress is not null) progress.InputCount = paths.Count;
        for (var i = 0; i < paths.Count; i++)
        {
            using var source = InputOpener.Open(paths[i], i, options);
            progress?.Enter(i, paths[i], source);
            while (source.TryRead(out _))
            {
                cancellation.ThrowIfCancellationRequested();
            }

            inputs.Add(source.Accounting);
        }

        return new AnalysisResult(inputs);
    }

    /// <summary>Reads every observation of one source; the decode-only baseline the benchmark measures.</summary>
    public static long Drain(IObservationSource source)
    {
        long count = 0;
        while (source.TryRead(out Observation _)) count++;
        return count;
    }
}
