using Spectre.Console;

namespace Spoor.Cli;

/// <summary>Renders an analysis for a person at a terminal: a table of inputs, their problems and notes, the findings.</summary>
internal static class TerminalReport
{
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
        for (var i = 0; i < result.Findings.Count; i++)
        {
            var f = result.Findings[i];
            console.MarkupLineInterpolated($"[bold]{Spoor.Report.AnalysisJsonWriter.FindingId(i + 1)}[/] {Spoor.Report.FindingText.Summary(f)}");
            foreach (var line in Spoor.Report.FindingText.Readings(f)) console.MarkupLineInterpolated($"    {line}");
            console.MarkupLineInterpolated($"    [grey]{Spoor.Report.FindingText.EvidenceLine(f)}[/]");
        }
    }

    private static string N(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
