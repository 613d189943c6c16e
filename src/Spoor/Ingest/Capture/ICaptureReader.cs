namespace Spoor.Ingest.Capture;

/// <summary>Reads the packet records of one capture container, reporting container damage to the input's accounting.</summary>
public interface ICaptureReader : IDisposable
{
    /// <summary>The format name used in output: <c>pcap</c> or <c>pcapng</c>.</summary>
    string Format { get; }

    /// <summary>Reads the next packet record; false at the end of the input or when damage makes going on impossible.</summary>
    bool TryReadFrame(out CapturedFrame frame);
}
