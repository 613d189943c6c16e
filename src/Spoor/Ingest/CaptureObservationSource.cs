using Spoor.Evidence;
using Spoor.Ingest.Capture;
using Spoor.Ingest.Decoding;

namespace Spoor.Ingest;

/// <summary>Turns the frames of a pcap or pcapng reader into observations, keeping the input's books.</summary>
public sealed class CaptureObservationSource : IObservationSource
{
    private readonly ICaptureReader _reader;
    private readonly Func<double?> _progress;
    private long _snapTruncated;

    public CaptureObservationSource(ICaptureReader reader, InputAccounting accounting, Func<double?> progress)
    {
        _reader = reader;
        _progress = progress;
        Accounting = accounting;
        accounting.Format = reader.Format;
    }

    public InputAccounting Accounting { get; }

    public double? Progress => _progress();

    /// <summary>A classic pcap file has one link type and one interface: one sensor.</summary>
    public bool IsSingleSensor => _reader is PcapReader;

    public bool TryRead(out Observation observation)
    {
        observation = default;
        while (TryReadFrame(out var frame))
        {
            var outcome = PacketDecoder.Decode(frame, Accounting.Input, ref observation);
            switch (outcome.Problem)
            {
                case DecodeProblem.None:
                    Accounting.CountDecoded();
                    return true;
                case DecodeProblem.SnapTruncated:
                    _snapTruncated++;
                    Accounting.CountDecoded();
                    return true;
                case DecodeProblem.UnsupportedLinkType:
                    Accounting.CountSkipped($"link type {frame.LinkType} not supported");
                    continue;
                default:
                    Accounting.CountDecodedWithProblem(new IngestProblem(Accounting.Input, observation.Evidence, frame.ByteOffset, outcome.Describe()));
                    return true;
            }
        }

        if (_snapTruncated > 0)
        {
            Accounting.AddNote($"{_snapTruncated} frames were cut by the capture's snap length; their missing headers are absent, not errors");
            _snapTruncated = 0;
        }

        return false;
    }

    // Decompression and device errors surface as exceptions from the stream: they end this input with a
    // located failure instead of ending the run.
    private bool TryReadFrame(out CapturedFrame frame)
    {
        try
        {
            return _reader.TryReadFrame(out frame);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            Accounting.CountFailed(new IngestProblem(Accounting.Input, null, Accounting.BytesRead, $"reading stopped: {e.Message}"));
            frame = default;
            return false;
        }
    }

    public void Dispose() => _reader.Dispose();
}
