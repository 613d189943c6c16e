namespace Spoor.Ingest.Text;

/// <summary>
/// A Snort record can be longer than the reader's lookahead (<see cref="TextLineReader.Lookahead"/> lines): an
/// ICMP error with its quoted datagram, an alert with many <c>[Xref]</c> lines. The format reads the lines it
/// can see; this remembers where such a record was cut, so the lines right after it that still continue it are
/// skipped with that reason instead of being taken for records, or orphans, of their own.
/// </summary>
internal struct SnortRecordOverflow
{
    private static readonly string SkipReason =
        $"line of a Snort record longer than the reader's {TextLineReader.Lookahead}-line window; not read";

    private long _nextLine;

    /// <summary>Notes the record just read: <paramref name="count"/> lines from the reader's current line.</summary>
    public void Record(TextLineReader lines, int count) =>
        _nextLine = count >= TextLineReader.Lookahead ? lines[count - 1].Number + 1 : 0;

    /// <summary>Whether the current line continues the last record past the lookahead; if so, the result skips it.</summary>
    public bool TrySkip(TextLineReader lines, out TextDecodeResult result)
    {
        var line = lines[0];
        if (_nextLine == 0 || line.Number != _nextLine || !SnortLines.IsContinuation(line.Text)
            || SnortTimestamp.StartsWithTimestamp(line.Text.TrimStart()))
        {
            _nextLine = 0;
            result = default;
            return false;
        }

        _nextLine++;
        result = TextDecodeResult.Skipped(SkipReason);
        return true;
    }
}
