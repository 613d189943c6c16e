using System.Buffers;

namespace Spoor.Ingest;

/// <summary>
/// A sliding window over a forward-only stream, backed by a pooled buffer, so readers can parse whole
/// records as spans without copying them out. A record larger than the buffer grows it once (up to
/// <see cref="MaxRecordBytes"/>); nothing is allocated per record.
/// </summary>
public sealed class StreamWindow : IDisposable
{
    /// <summary>Largest record a reader may ask for; beyond it a length field is taken as corrupt.</summary>
    public const int MaxRecordBytes = 64 * 1024 * 1024;

    private const int DefaultBufferBytes = 1024 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;

    public StreamWindow(Stream stream, int bufferBytes = DefaultBufferBytes)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bufferBytes, 64));
    }

    /// <summary>Offset in the stream of the first byte of <see cref="Available"/> data.</summary>
    public long Position { get; private set; }

    /// <summary>Bytes buffered and not yet consumed.</summary>
    public int Available => _end - _start;

    /// <summary>True when the stream is exhausted and every buffered byte consumed.</summary>
    public bool AtEnd => Available == 0 && !Fill();

    /// <summary>Makes <paramref name="count"/> bytes available; false when the stream ends first (what remains stays available).</summary>
    public bool Ensure(int count)
    {
        if (Available >= count) return true;
        if ((uint)count > MaxRecordBytes) return false;

        if (count > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(count);
            _buffer.AsSpan(_start, Available).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
            _end = Available;
            _start = 0;
        }
        else if (_start + count > _buffer.Length)
        {
            _buffer.AsSpan(_start, Available).CopyTo(_buffer);
            _end = Available;
            _start = 0;
        }

        while (Available < count && Fill())
        {
        }

        return Available >= count;
    }

    /// <summary>The next <paramref name="count"/> buffered bytes; call <see cref="Ensure"/> first.</summary>
    public ReadOnlySpan<byte> Peek(int count) => _buffer.AsSpan(_start, count);

    /// <summary>Every buffered, unconsumed byte.</summary>
    public ReadOnlySpan<byte> PeekAvailable() => _buffer.AsSpan(_start, Available);

    public void Advance(int count)
    {
        _start += count;
        Position += count;
    }

    private bool Fill()
    {
        if (_endOfStream) return false;
        if (_end == _buffer.Length)
        {
            if (_start == 0) return false;
            _buffer.AsSpan(_start, Available).CopyTo(_buffer);
            _end = Available;
            _start = 0;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read <= 0)
        {
            _endOfStream = true;
            return false;
        }

        _end += read;
        return true;
    }

    public void Dispose()
    {
        _stream.Dispose();
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }
}
