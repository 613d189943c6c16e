namespace Spoor.Ingest.Text;

/// <summary>
/// Joins a record that an analyst's paste or a mail client wrapped over several physical lines back into one line
/// of text, in a buffer reused for every record. A line continues the record when it is not blank and does not start
/// a record of its own (a syslog or ISO 8601 time stamp at its start); joining stops as soon as the format says the
/// record is whole, so an unwrapped log never pays for it.
/// </summary>
internal sealed class RecordJoiner
{
    private const int InitialCapacity = 512;

    private char[] _buffer = new char[InitialCapacity];

    /// <summary>
    /// Gathers the record starting at <c>lines[0]</c>: joins continuation lines while <paramref name="test"/> says the
    /// text is <see cref="RecordShape.Partial"/> or <see cref="RecordShape.Cut"/> and the lookahead window has more.
    /// </summary>
    public RecordShape Gather(TextLineReader lines, RecordShapeTest test, out ReadOnlySpan<char> text, out int used)
    {
        text = lines[0].Text;
        used = 1;
        var shape = test(text);
        while (shape is RecordShape.Partial or RecordShape.Cut && used < lines.Available && IsContinuation(lines[used].Text))
        {
            used++;
            text = Join(lines, used);
            shape = test(text);
        }

        return shape;
    }

    /// <summary>The first <paramref name="count"/> lines of the window joined by single spaces, each trimmed.</summary>
    public ReadOnlySpan<char> Join(TextLineReader lines, int count)
    {
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            var part = i == 0 ? lines[i].Text.TrimEnd() : lines[i].Text.Trim();
            var needed = length + part.Length + 1;
            if (needed > _buffer.Length) Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
            if (i > 0) _buffer[length++] = ' ';
            part.CopyTo(_buffer.AsSpan(length));
            length += part.Length;
        }

        return _buffer.AsSpan(0, length);
    }

    /// <summary>True when <paramref name="line"/> can continue a wrapped record: not blank and not the start of a record.</summary>
    /// <summary>
    /// Gathers a record and decides the common outcomes: true with the joined text when it is complete; false with
    /// <paramref name="declined"/> set to NotMine (not this format, or not yet whole) or to a located malformed
    /// record saying <paramref name="cutReason"/> when the lines end before the record does.
    /// </summary>
    public bool TryGatherWhole(TextLineReader lines, RecordShapeTest test, string cutReason, out ReadOnlySpan<char> text, out int used, out TextDecodeResult declined)
    {
        switch (Gather(lines, test, out text, out used))
        {
            case RecordShape.NotMine or RecordShape.Partial:
                declined = TextDecodeResult.NotMine;
                return false;
            case RecordShape.Cut:
                declined = TextDecodeResult.Malformed(cutReason, used);
                return false;
            default:
                declined = default;
                return true;
        }
    }

    public static bool IsContinuation(ReadOnlySpan<char> line) => !line.IsWhiteSpace() && !StartsWithTimestamp(line);

    /// <summary>A syslog stamp (<c>Mmm dd hh:mm:ss</c>) or an ISO 8601 date (<c>yyyy-mm-dd</c>) at the very start of the line.</summary>
    public static bool StartsWithTimestamp(ReadOnlySpan<char> line)
    {
        var scanner = new TextScanner(line);
        if (scanner.TryReadMonthName(out _) && scanner.TryExpect(' '))
        {
            scanner.SkipSpaces();
            return scanner.TryReadInt(out _) && scanner.TryExpect(' ') && scanner.TryReadClock(out _, out _, out _, out _, out _);
        }

        scanner.Position = 0;
        return scanner.TryReadFixedInt(4, out _) && scanner.TryExpect('-') && scanner.TryReadFixedInt(2, out _) && scanner.TryExpect('-');
    }
}
