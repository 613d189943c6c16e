using Spectre.Console;

namespace Spoor.Cli;

/// <summary>Renders an analysis for a person at a terminal: a table of inputs, their problems and notes, the findings.</summary>
internal static class TerminalReport
{
    /// <summary>Whether findings lines a colourless console would print unchanged bypass its rendering (see <c>Plain</c>); tests turn it off to compare.</summary>
    internal static bool DirectPlainLines { get; set; } = true;

    public static void Write(AnalysisResult result, IAnsiConsole console)
    {
        var table = new Table().Title("Inputs").AddColumns("#", "path", "format", "records", "decoded", "skipped", "failed", "problems");
        foreach (var i in result.Inputs)
        {
            table.AddRow(i.Input.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(i.Path), i.Format,
                N(i.Records), N(i.Decoded), N(i.Skipped), N(i.Failed), N(i.ProblemsTotal));
        }

        console.Write(table);
        foreach (var i in result.Inputs)
        {
            foreach (var note in i.Notes) console.MarkupLineInterpolated($"[grey]input {i.Input}: {note}[/]");
            foreach (var (reason, count) in i.SkippedReasons) console.MarkupLineInterpolated($"[yellow]input {i.Input}: skipped {count}: {reason}[/]");
            foreach (var p in i.Problems) console.MarkupLineInterpolated($"[red]input {i.Input}, {p.Location}:[/] {p.Message}");
            if (i.ProblemsTotal > i.Problems.Count) console.MarkupLineInterpolated($"[red]input {i.Input}: {i.ProblemsTotal - i.Problems.Count} more problems not listed[/]");
        }

        console.WriteLine();
        if (result.Findings.Count == 0)
        {
            console.MarkupLine("[bold]Findings:[/] none.");
            return;
        }

        console.MarkupLine($"[bold]Findings:[/] {result.Findings.Count}");
        var plain = Plain.Of(console);
        for (var i = 0; i < result.Findings.Count; i++)
        {
            var f = result.Findings[i];
            var id = Spoor.Report.AnalysisJsonWriter.FindingId(i + 1);
            var summary = Spoor.Report.FindingText.Summary(f);
            if (!plain.TryWrite(id, " ", summary)) console.MarkupLineInterpolated($"[bold]{id}[/] {summary}");
            foreach (var line in Spoor.Report.FindingText.Readings(f))
            {
                if (!plain.TryWrite("    ", line)) console.MarkupLineInterpolated($"    {line}");
            }

            var evidence = Spoor.Report.FindingText.EvidenceLine(f);
            if (!plain.TryWrite("    ", evidence)) console.MarkupLineInterpolated($"    [grey]{evidence}[/]");
        }
    }

    /// <summary>
    /// The findings list on a console without colour (a file or a pipe) can run to tens of thousands of lines, and
    /// markup rendering (parsing, measuring every character's cell width, wrapping) cost a second for six thousand
    /// findings, longer than the analysis. A line that the console would print unchanged (printable ASCII, within its
    /// width, so nothing to style, measure or wrap) is written to its output directly; any other line goes through the
    /// console as before, so the text is the same either way.
    /// </summary>
    private readonly struct Plain
    {
        private readonly TextWriter? _writer;
        private readonly int _width;

        private Plain(TextWriter? writer, int width)
        {
            _writer = writer;
            _width = width;
        }

        public static Plain Of(IAnsiConsole console) =>
            console.Profile.Capabilities.Ansi || !DirectPlainLines ? default : new Plain(console.Profile.Out.Writer, console.Profile.Width);

        public bool TryWrite(string a, string b) => TryWrite(a, b, string.Empty);

        public bool TryWrite(string a, string b, string c)
        {
            if (_writer is null || a.Length + b.Length + c.Length > _width || !IsPrintableAscii(a) || !IsPrintableAscii(b) || !IsPrintableAscii(c)) return false;
            _writer.Write(a);
            _writer.Write(b);
            _writer.WriteLine(c);
            return true;
        }

        private static bool IsPrintableAscii(string text) => !text.AsSpan().ContainsAnyExceptInRange(' ', '~');
    }

    private static string N(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
