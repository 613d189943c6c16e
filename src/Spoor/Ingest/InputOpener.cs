using System.IO.Compression;
using Spoor.Ingest.Capture;
using Spoor.Ingest.Text;

namespace Spoor.Ingest;

/// <summary>
/// Opens an input by path (<c>-</c> for standard input), undoes gzip compression transparently and picks
/// the reader from the first bytes, so users never name a format.
/// </summary>
public static class InputOpener
{
    private const int SniffLength = 4;
    private const int TextSniffLength = 4096;
    private const byte GzipFirst = 0x1F;
    private const byte GzipSecond = 0x8B;

    /// <summary>Path that means standard input.</summary>
    public const string StandardInput = "-";

    public static IObservationSource Open(string path, int input, IngestOptions? options = null)
    {
        var accounting = new InputAccounting(input, path);
        Stream raw;
        try
        {
            raw = path == StandardInput ? Console.OpenStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new UnreadableSource(accounting, $"cannot open {path}: {e.Message}");
        }

        DateTime? fileTime = raw is FileStream ? File.GetLastWriteTimeUtc(path) : null;
        return Open(raw, accounting, options, fileTime);
    }

    /// <summary>Reads from an already open stream (tests, pipes); the source owns and disposes it.</summary>
    public static IObservationSource Open(Stream raw, InputAccounting accounting, IngestOptions? options = null, DateTime? fileTimeUtc = null)
    {
        var file = raw as FileStream;
        accounting.BytesTotal = file is { CanSeek: true } ? file.Length : null;
        Func<double?> progress = file is { CanSeek: true } && file.Length > 0 ? () => (double)file.Position / file.Length : () => null;

        try
        {
            var stream = Sniff(raw, out var head, out var headLength);
            if (headLength >= 2 && head[0] == GzipFirst && head[1] == GzipSecond)
            {
                accounting.AddNote("input is gzip-compressed; byte offsets are in the decompressed data");
                stream = Sniff(new GZipStream(stream, CompressionMode.Decompress), out head, out headLength);
            }

            var window = new StreamWindow(stream);
            var first = head.AsSpan(0, headLength);
            if (PcapNgReader.IsMagic(first))
            {
                return new CaptureObservationSource(new PcapNgReader(window, accounting), accounting, progress);
            }

            if (PcapReader.IsMagic(first))
            {
                return new CaptureObservationSource(new PcapReader(window, accounting), accounting, progress);
            }

            if (headLength is > 0 and < SniffLength && IsCaptureMagicPrefix(first))
            {
                window.Dispose();
                return new UnreadableSource(accounting, $"input ends after {headLength} bytes, inside a capture file's magic number");
            }

            if (LooksLikeText(window))
            {
                return new TextLogSource(new TextLineReader(window), accounting, options ?? IngestOptions.Default, fileTimeUtc, progress);
            }

            window.Dispose();
            return new UnreadableSource(accounting, headLength == 0
                ? "input is empty"
                : $"input format not recognised: first bytes {Convert.ToHexString(first)}; expected pcap, pcapng or a text log (optionally gzip-compressed)");
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            raw.Dispose();
            return new UnreadableSource(accounting, $"cannot read {accounting.Path}: {e.Message}");
        }
    }

    private static bool IsCaptureMagicPrefix(ReadOnlySpan<byte> head)
    {
        ReadOnlySpan<uint> magics = [PcapNgReader.SectionHeaderBlockType, PcapReader.MagicMicroseconds, PcapReader.MagicNanoseconds, PcapReader.MagicKuznetzov];
        Span<byte> bytes = stackalloc byte[4];
        foreach (var magic in magics)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, magic);
            if (bytes.StartsWith(head)) return true;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
            if (bytes.StartsWith(head)) return true;
        }

        return false;
    }

    // Text if the first kilobytes hold no NUL and almost no other control characters (UTF-8 bytes pass).
    private static bool LooksLikeText(StreamWindow window)
    {
        window.Ensure(TextSniffLength);
        var head = window.PeekAvailable();
        if (head.Length > TextSniffLength) head = head[..TextSniffLength];
        if (head.IsEmpty) return false;
        var control = 0;
        foreach (var b in head)
        {
            if (b == 0) return false;
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C)) control++;
        }

        return control * 100 <= head.Length;
    }

    private static PrefixedStream Sniff(Stream stream, out byte[] head, out int headLength)
    {
        head = new byte[SniffLength];
        headLength = 0;
        int read;
        while (headLength < SniffLength && (read = stream.Read(head, headLength, SniffLength - headLength)) > 0)
        {
            headLength += read;
        }

        return new PrefixedStream(head, headLength, stream);
    }
}
