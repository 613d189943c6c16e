using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
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
        IReadOnlyList<Finding> findings;
        if (Pipelined)
        {
            // The probe detectors that share one table of sources' ports run beside the reading, on its thread, where
            // observations are marked (established segments, replies); the rest run on this one, handed in order every
            // observation they read. The findings do not depend on the split, only the speed does.
            var (reading, detecting) = DetectorCatalog.SplitForTwoThreads(detectors);
            var besideReading = new DetectionEngine(reading, detection, markObservations: true);
            var alone = new DetectionEngine(detecting, detection, markObservations: false);
            var (read, detected) = RunPipelined(sources, duplicates, besideReading, alone, cancellation);
            var all = new List<Finding>(read);
            all.AddRange(detected);
            all.Sort(FindingOrder.Instance);
            findings = all;
        }
        else
        {
            var engine = new DetectionEngine(detectors, detection);
            RunInline(sources, duplicates, engine, cancellation);
            findings = engine.Complete();
        }

        return new AnalysisResult(sources.Select(s => s.Accounting).ToList(), findings);
    }

    /// <summary>Reading and detection on two threads (see <see cref="RunPipelined"/>): where there are two cores; tests set it to compare both ways.</summary>
    internal static bool Pipelined { get; set; } = Environment.ProcessorCount > 1;

    /// <summary>Reads every observation of one source; the decode-only baseline the benchmark measures.</summary>
    public static long Drain(IObservationSource source)
    {
        long count = 0;
        while (source.TryRead(out Observation _)) count++;
        return count;
    }

    private static void RunInline(IReadOnlyList<IObservationSource> sources, DuplicateMarker? duplicates, DetectionEngine engine, CancellationToken cancellation)
    {
        using var merger = new ObservationMerger(sources);
        long read = 0;
        while (merger.TryRead(out var observation))
        {
            if ((++read & 0xFFF) == 0) cancellation.ThrowIfCancellationRequested();
            if (duplicates is not null && duplicates.Mark(ref observation)) sources[observation.Evidence.Input].Accounting.CountDuplicate();
            engine.ObserveInPlace(ref observation);
        }
    }

    /// <summary>
    /// Reading (open, decode, merge, mark duplicates, mark connections) and some detectors on one thread, the other
    /// detectors on this one, handing over observations in batches: on two cores the slower of the two sets the pace
    /// instead of their sum. Every detector sees the sequence <see cref="RunInline"/> gives it, less the established
    /// segments it declares it does not read (<see cref="IDetector.ReadsEstablished"/>; the observations that move
    /// the detection clock always cross), so the findings are the same. Each engine is completed on its own thread
    /// (the stream's end is judging and reporting work, tens of milliseconds on a large capture), and the findings
    /// of both returned.
    /// </summary>
    private static (IReadOnlyList<Finding> BesideReading, IReadOnlyList<Finding> Detecting) RunPipelined(IReadOnlyList<IObservationSource> sources, DuplicateMarker? duplicates, DetectionEngine besideReading,
        DetectionEngine engine, CancellationToken cancellation)
    {
        using var full = new BlockingCollection<ObservationBatch>(ObservationBatch.InFlight);
        using var empty = new BlockingCollection<ObservationBatch>(ObservationBatch.InFlight);
        for (var i = 0; i < ObservationBatch.InFlight; i++) empty.Add(new ObservationBatch(), CancellationToken.None);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Exception? failure = null;
        IReadOnlyList<Finding> besideFindings = [];

        var reads = engine.ReadsEstablished;
        var reader = new Thread(() =>
        {
            var finished = false;
            try
            {
                using var merger = new ObservationMerger(sources);
                var batch = empty.Take(stop.Token);
                while (merger.TryRead(out batch.Items[batch.Count]))
                {
                    ref var observation = ref batch.Items[batch.Count];
                    if (duplicates is not null && duplicates.Mark(ref observation)) sources[observation.Evidence.Input].Accounting.CountDuplicate();
                    besideReading.ObserveInPlace(ref observation);

                    // Most of a capture is segments of established connections that the detectors here pass over:
                    // they stay in the reading thread (their slot is reused) instead of crossing to this one.
                    if (!besideReading.MustForward(in observation, reads)) continue;
                    if (++batch.Count < ObservationBatch.Size) continue;
                    full.Add(batch, stop.Token);
                    batch = empty.Take(stop.Token);
                    batch.Count = 0;
                }

                if (batch.Count > 0) full.Add(batch, stop.Token);
                finished = true;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped by the detection side (its failure or the caller's cancellation), which reports why.
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                full.CompleteAdding();
            }

            // The detectors beside the reading end their stream here, while the other thread drains the batches
            // still queued and ends its own.
            if (!finished) return;
            try
            {
                besideFindings = besideReading.Complete();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        {
            IsBackground = true,
            Name = "spoor input",
        };
        reader.Start();

        IReadOnlyList<Finding> detected;
        try
        {
            foreach (var batch in full.GetConsumingEnumerable(stop.Token))
            {
                var items = batch.Items;
                for (var i = 0; i < batch.Count; i++) engine.ObserveInPlace(ref items[i]);
                batch.Count = 0;
                empty.Add(batch, stop.Token);
            }

            // Every batch is in, so the reading is over (the reader's failure is checked below, after the join) and
            // the reading engine's clock is final: it saw the whole stream, this one part of it.
            cancellation.ThrowIfCancellationRequested();
            engine.SeeStreamEnd(besideReading.Latest);
            detected = failure is null ? engine.Complete() : [];
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            reader.Join();
        }

        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
        cancellation.ThrowIfCancellationRequested();
        return (besideFindings, detected);
    }

    /// <summary>Observations handed from the reading thread to the detecting one.</summary>
    private sealed class ObservationBatch
    {
        /// <summary>
        /// 4,096 observations (under 2 MB) a batch: handing over costs a lock and a wake-up, which at a thousand a batch
        /// still showed in profiles as lock contention; at four thousand it does not.
        /// </summary>
        public const int Size = 4096;

        /// <summary>Batches in flight: enough to ride out a slow stretch on either side without holding more than a few megabytes.</summary>
        public const int InFlight = 4;

        public Observation[] Items { get; } = new Observation[Size];

        public int Count { get; set; }
    }
}
