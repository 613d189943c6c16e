using System.Globalization;
using System.Net;

namespace Spoor.Report;

/// <summary>Writes an <see cref="AnalysisResult"/> as a self-contained HTML page (no scripts, no external assets).</summary>
public static class HtmlReportWriter
{
    public static void Write(AnalysisResult result, TextWriter w)
    {
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Spoor analysis</title>");
        w.WriteLine("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.25em .6em;text-align:left}td.n{text-align:right}code{font-size:95%}</style>");
        w.WriteLine("</head><body>");
        w.WriteLine("<h1>Spoor analysis</h1>");
        w.WriteLine("<h2>Inputs</h2>");
        w.WriteLine("<table><tr><th>#</th><th>path</th><th>format</th><th>records</th><th>decoded</th><th>skipped</th><th>failed</th><th>problems</th></tr>");
        foreach (var i in result.Inputs)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"<tr><td class=\"n\">{i.Input}</td><td><code>{H(i.Path)}</code></td><td>{H(i.Format)}</td><td class=\"n\">{i.Records}</td><td class=\"n\">{i.Decoded}</td><td class=\"n\">{i.Skipped}</td><td class=\"n\">{i.Failed}</td><td class=\"n\">{i.ProblemsTotal}</td></tr>"));
        }

        w.WriteLine("</table>");
        foreach (var i in result.Inputs)
        {
            if (i.Problems.Count == 0 && i.Notes.Count == 0) continue;
            w.WriteLine($"<h3>Input {i.Input}: <code>{H(i.Path)}</code></h3><ul>");
            foreach (var n in i.Notes) w.WriteLine($"<li>Note: {H(n)}</li>");
            foreach (var p in i.Problems) w.WriteLine($"<li>Problem at {H(p.Location)}: {H(p.Message)}</li>");
            w.WriteLine("</ul>");
        }

        w.WriteLine("<h2>Findings</h2>");
        if (result.Findings.Count == 0) w.WriteLine("<p>No findings.</p>");
        else
        {
            w.WriteLine("<ol>");
            for (var i = 0; i < result.Findings.Count; i++)
            {
                var f = result.Findings[i];
                var readings = string.Concat(FindingText.Readings(f).Select(r => "<br>" + H(r)));
                w.WriteLine($"<li id=\"{AnalysisJsonWriter.FindingId(i + 1)}\"><b>{AnalysisJsonWriter.FindingId(i + 1)}</b> {H(FindingText.Summary(f))}{readings}<br><small>{H(FindingText.EvidenceLine(f))}</small></li>");
            }

            w.WriteLine("</ol>");
        }
        w.WriteLine("</body></html>");
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
