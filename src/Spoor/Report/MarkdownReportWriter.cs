using System.Globalization;

namespace Spoor.Report;

/// <summary>Writes an <see cref="AnalysisResult"/> as a Markdown report: the inputs' books, their problems and notes, and the findings.</summary>
public static class MarkdownReportWriter
{
    public static void Write(AnalysisResult result, TextWriter w)
    {
        w.WriteLine("# Spoor analysis");
        w.WriteLine();
        w.WriteLine("## Inputs");
        w.WriteLine();
        w.WriteLine("| # | path | format | records | decoded | skipped | failed | problems |");
        w.WriteLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var i in result.Inputs)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {i.Input} | `{Escape(i.Path)}` | {i.Format} | {i.Records} | {i.Decoded} | {i.Skipped} | {i.Failed} | {i.ProblemsTotal} |"));
        }

        foreach (var i in result.Inputs)
        {
            if (i.Problems.Count == 0 && i.Notes.Count == 0 && i.SkippedReasons.Count == 0) continue;
            w.WriteLine();
            w.WriteLine($"### Input {i.Input}: `{Escape(i.Path)}`");
            w.WriteLine();
            foreach (var n in i.Notes) w.WriteLine($"- Note: {Escape(n)}");
            foreach (var (reason, count) in i.SkippedReasons) w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- Skipped {count}: {Escape(reason)}"));
            foreach (var p in i.Problems) w.WriteLine($"- Problem at {p.Location}: {Escape(p.Message)}");
            if (i.ProblemsTotal > i.Problems.Count)
            {
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- … and {i.ProblemsTotal - i.Problems.Count} more problems not listed"));
            }
        }

        w.WriteLine();
        w.WriteLine("## Findings");
        w.WriteLine();
        if (result.Findings.Count == 0) w.WriteLine("No findings.");
        for (var i = 0; i < result.Findings.Count; i++)
        {
            var f = result.Findings[i];
            w.WriteLine($"- **{AnalysisJsonWriter.FindingId(i + 1)}** {Escape(FindingText.Summary(f))}  ");
            foreach (var line in FindingText.Readings(f)) w.WriteLine($"  {Escape(line)}  ");
            w.WriteLine($"  {Escape(FindingText.EvidenceLine(f))}");
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
