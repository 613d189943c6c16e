namespace Spoor.Ingest.Text;

/// <summary>
/// The whitespace-separated tokens of one Snort record, read across its physical lines. Snort writes one
/// packet over several lines and analysts' pastes re-wrap them anywhere between tokens, so the record is
/// parsed as one token stream; each token still knows its line, because a TCP or IP option list runs to the
/// end of its line. A grep file-name prefix on the first line (and the same name on later lines) is skipped.
/// A value type: copy it to look ahead or to go back.
/// </summary>
internal ref struct SnortTokenReader
{
    private readonly TextLineReader _lines;
    private readonly int _lineCount;
    private readonly int _prefixLength;
    private int _line;
    private int _position;

    /// <param name="lines">The reader whose current line is the record's first.</param>
    /// <param name="lineCount">How many lines the record has.</param>
    /// <param name="prefixLength">Length of the grep <c>name:</c> prefix on the first line, 0 for none.</param>
    /// <param name="startPosition">Where to start in the first line's content (after its prefix).</param>
    public SnortTokenReader(TextLineReader lines, int lineCount, int prefixLength, int startPosition)
    {
        _lines = lines;
        _lineCount = lineCount;
        _prefixLength = prefixLength;
        _position = startPosition;
    }

    /// <summary>The line (from 0) the last token read came from.</summary>
    public int LastLine { get; private set; }

    /// <summary>Reads the next token; false at the end of the record.</summary>
    public bool TryRead(out ReadOnlySpan<char> token)
    {
        while (_line < _lineCount)
        {
            var text = Content(_line);
            while (_position < text.Length && char.IsWhiteSpace(text[_position])) _position++;
            if (_position < text.Length)
            {
                var end = _position;
                while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
                token = text[_position..end];
                LastLine = _line;
                _position = end;
                return true;
            }

            _line++;
            _position = 0;
        }

        token = default;
        return false;
    }

    /// <summary>The next token and its line, without consuming it.</summary>
    public readonly bool TryPeek(out ReadOnlySpan<char> token, out int line)
    {
        var copy = this;
        var found = copy.TryRead(out token);
        line = copy.LastLine;
        return found;
    }

    /// <summary>The next token, without consuming it.</summary>
    public readonly bool TryPeek(out ReadOnlySpan<char> token) => TryPeek(out token, out _);

    /// <summary>Whether the next token is exactly <paramref name="expected"/>.</summary>
    public readonly bool NextIs(ReadOnlySpan<char> expected) => TryPeek(out var token) && token.SequenceEqual(expected);

    /// <summary>Consumes the next token when it is exactly <paramref name="expected"/>.</summary>
    public bool TryExpect(ReadOnlySpan<char> expected)
    {
        if (!NextIs(expected)) return false;
        TryRead(out _);
        return true;
    }

    private readonly ReadOnlySpan<char> Content(int line)
    {
        var first = _lines[0].Text;
        if (line == 0) return first[_prefixLength..];
        return SnortLines.WithoutPrefix(_lines[line].Text, _prefixLength > 0 ? first[..(_prefixLength - 1)] : default);
    }
}
