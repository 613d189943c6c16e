using System.Text;

namespace Spoor.Ingest.Text;

/// <summary>
/// Splits a byte stream into lines (LF, CRLF or lone CR), decodes them as UTF-8 (invalid bytes become
/// U+FFFD) and keeps a window of the next <see cref="Lookahead"/> lines (a Snort 2 alert with a quoted datagram and references runs to a dozen), so a format can join a record
/// that was wrapped over several physical lines. Line buffers are reused: no allocation per line.
/// Lines longer than <see cref="MaxLineChars"/> are cut there and counted.
/// </summary>
public sealed class TextLineReader : IDisposable
{
    public const int Lookahead = 16;
    public const int MaxLineChars = 64 * 1024;

    private readonly StreamWindow _window;
    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
    private readonly char[][] _slots = new char[Lookahead][];
    private readonly int[] _lengths = new int[Lookahead];
    private readonly long[] _numbers = new long[Lookahead];
    private int _first;
    private int _count;
    private long _nextNumber = 1;
    private bool _ended;

    public TextLineReader(StreamWindow window)
    {
        _window = window;
        for (var i = 0; i < Lookahead; i++) _slots[i] = new char[256];
    }

    /// <summary>Lines cut at <see cref="MaxLineChars"/>.</summary>
    public long OverlongLines { get; private set; }

    public long BytesRead => _window.Position;

    /// <summary>Lines available from the current one on (at most <see cref="Lookahead"/>); 0 at the end.</summary>
    public int Available
    {
        get
        {
            Fill();
            return _count;
        }
    }

    /// <summary>The line <paramref name="offset"/> places after the current one; check <see cref="Available"/> first.</summary>
    public TextLine this[int offset]
    {
        get
        {
            var slot = (_first + offset) % Lookahead;
            return new TextLine(_slots[slot].AsSpan(0, _lengths[slot]), _numbers[slot]);
        }
    }

    /// <summary>Drops <paramref name="lines"/> lines from the front of the window.</summary>
    public void Advance(int lines)
    {
        lines = Math.Min(lines, _count);
        _first = (_first + lines) % Lookahead;
        _count -= lines;
    }

    private void Fill()
    {
        while (_count < Lookahead && !_ended)
        {
            if (!ReadLine((_first + _count) % Lookahead)) _ended = true;
            else _count++;
        }
    }

    private bool ReadLine(int slot)
    {
        var scanned = 0;
        while (true)
        {
            var available = _window.PeekAvailable();
            var end = available[scanned..].IndexOfAny((byte)'\n', (byte)'\r');
            if (end >= 0)
            {
                end += scanned;
                var breakLength = available[end] == '\r' && end + 1 < available.Length && available[end + 1] == '\n' ? 2 : 1;
                if (available[end] == '\r' && end + 1 == available.Length && _window.Ensure(available.Length + 1))
                {
                    continue; // a CR at the buffer's edge: see whether an LF follows before deciding
                }

                Store(slot, available[..end]);
                _window.Advance(end + breakLength);
                return true;
            }

            scanned = available.Length;
            if (available.Length >= MaxLineChars * 4 || !_window.Ensure(available.Length + 1))
            {
                if (available.Length == 0) return false;
                if (available.Length >= MaxLineChars * 4) OverlongLines++;
                Store(slot, available);
                _window.Advance(available.Length);
                return true;
            }
        }
    }

    private void Store(int slot, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLineChars * 4) bytes = bytes[..(MaxLineChars * 4)];
        var needed = _decoder.GetCharCount(bytes, flush: true);
        if (needed > MaxLineChars)
        {
            OverlongLines++;
        }

        if (_slots[slot].Length < needed) _slots[slot] = new char[Math.Max(needed, _slots[slot].Length * 2)];
        var written = _decoder.GetChars(bytes, _slots[slot], flush: true);
        _lengths[slot] = Math.Min(written, MaxLineChars);
        _numbers[slot] = _nextNumber++;
    }

    public void Dispose() => _window.Dispose();
}
