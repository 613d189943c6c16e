using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Reads a text log of any supported format, or several mixed in one file: each record is offered to the
/// format that took the previous one first, then to the others in order. Blank lines are not records; a
/// line no format takes is a failed record with its line number and the start of its text.
/// </summary>
public sealed class TextLogSource : IObservationSource
{
    private const int QuotedTextLength = 80;

    // Skip reasons are a format's constant strings; a bound keeps a format that built them per line from growing the cache.
    private const int MaxCachedSkipReasons = 256;

    private readonly TextLineReader _lines;
    private readonly TextDecodeContext _context;
    private readonly ITextFormat[] _formats;
    private readonly Func<double?> _progress;
    private readonly SortedDictionary<string, long> _formatCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Format, string? Reason), string> _skipReasons = [];
    private int _last;
    private long _blankLines;
    private bool _finished;

    public TextLogSource(TextLineReader lines, InputAccounting accounting, IngestOptions options, DateTime? fileTimeUtc, Func<double?> progress)
    {
        _lines = lines;
        _progress = progress;
        _formats = TextFormats.Create();
        Accounting = accounting;
        _context = new TextDecodeContext(accounting, options, fileTimeUtc);
        accounting.Format = "text";
    }

    public InputAccounting Accounting { get; }

    public double? Progress => _progress();

    /// <summary>Records decoded per format name, for the input's notes and <c>format</c> (a format that only skipped lines does not name the input).</summary>
    public IReadOnlyDictionary<string, long> FormatCounts => _formatCounts;

    public bool TryRead(out Observation observation)
    {
        observation = default;
        while (_lines.Available > 0)
        {
            var line = _lines[0];
            if (line.IsBlank)
            {
                _blankLines++;
                _lines.Advance(1);
                continue;
            }

            var number = line.Number;
            for (var attempt = 0; attempt < _formats.Length; attempt++)
            {
                var index = attempt == 0 ? _last : (attempt <= _last ? attempt - 1 : attempt);
                var format = _formats[index];
                observation.Reset();
                observation.Evidence = EvidenceRef.Line(Accounting.Input, number);
                var result = format.TryDecode(_lines, _context, ref observation);
                if (result.Status == TextDecodeStatus.NotMine) continue;

                _last = index;
                _lines.Advance(Math.Max(result.Lines, 1));
                Accounting.BytesRead = _lines.BytesRead;
                switch (result.Status)
                {
                    case TextDecodeStatus.Observation:
                        Count(format.Name);
                        Accounting.CountDecoded();
                        return true;
                    case TextDecodeStatus.Skip:
                        Accounting.CountSkipped(SkipReason(format.Name, result.Reason));
                        goto nextRecord;
                    default:
                        Accounting.CountFailed(new IngestProblem(Accounting.Input, EvidenceRef.Line(Accounting.Input, number), null, result.Reason ?? $"malformed {format.Name} record"));
                        goto nextRecord;
                }
            }

            Accounting.CountFailed(new IngestProblem(Accounting.Input, EvidenceRef.Line(Accounting.Input, number), null,
                $"not a recognised log line: \"{Excerpt(line.Text)}\""));
            _lines.Advance(1);
        nextRecord:;
        }

        Finish();
        return false;
    }

    private void Count(string format) => _formatCounts[format] = _formatCounts.GetValueOrDefault(format) + 1;

    // "format: reason", built once per distinct pair: most lines of an ASA or IOS log are skipped message ids.
    private string SkipReason(string format, string? reason)
    {
        if (_skipReasons.TryGetValue((format, reason), out var text)) return text;
        text = $"{format}: {reason}";
        if (_skipReasons.Count < MaxCachedSkipReasons) _skipReasons[(format, reason)] = text;
        return text;
    }

    private void Finish()
    {
        if (_finished) return;
        _finished = true;
        Accounting.BytesRead = _lines.BytesRead;
        Accounting.Format = _formatCounts.Count switch
        {
            0 => "text",
            1 => _formatCounts.Keys.First(),
            _ => "mixed",
        };
        if (_formatCounts.Count > 1)
        {
            Accounting.AddNote("formats: " + string.Join(", ", _formatCounts.Select(p => $"{p.Key} ({p.Value})")));
        }

        if (_blankLines > 0) Accounting.AddNote($"{_blankLines} blank lines ignored");
        if (_lines.OverlongLines > 0) Accounting.AddNote($"{_lines.OverlongLines} lines longer than {TextLineReader.MaxLineChars} characters were cut");
    }

    private static string Excerpt(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        return text.Length <= QuotedTextLength ? text.ToString() : string.Concat(text[..QuotedTextLength], "…");
    }

    public void Dispose() => _lines.Dispose();
}
