using System.Text.Encodings.Web;
using System.Text.Json;
using Spoor.Detect;
using Spoor.Evidence;
using Spoor.Ingest;

namespace Spoor.Report;

/// <summary>
/// Writes an <see cref="AnalysisResult"/> in the <c>spoor/1</c> contract (<c>../shared/spec/JSON.md</c>).
/// Beyond the contract's input fields it adds <c>decoded</c>, <c>failed</c>, <c>skipped_reasons</c>,
/// <c>problems_total</c>, <c>duplicates</c> and <c>ignored_blocks</c>, so <c>records = decoded + skipped + failed</c> can be checked;
/// each finding adds <c>detector</c>, the name of the detector that reached it.
/// </summary>
public static class AnalysisJsonWriter
{
    public const string Schema = "spoor/1";

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(AnalysisResult result, Stream output)
    {
        using var j = new Utf8JsonWriter(output, Options);
        j.WriteStartObject();
        j.WriteString("schema", Schema);
        j.WriteStartArray("inputs");
        foreach (var input in result.Inputs) WriteInput(j, input);
        j.WriteEndArray();
        j.WriteStartArray("findings");
        for (var i = 0; i < result.Findings.Count; i++) WriteFinding(j, result.Findings[i], i + 1);
        j.WriteEndArray();
        j.WriteStartArray("incidents");
        j.WriteEndArray();
        j.WriteEndObject();
        j.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteInput(Utf8JsonWriter j, InputAccounting input)
    {
        j.WriteStartObject();
        j.WriteString("path", input.Path);
        j.WriteString("format", input.Format);
        j.WriteNumber("records", input.Records);
        j.WriteNumber("skipped", input.Skipped);
        j.WriteStartArray("problems");
        foreach (var p in input.Problems)
        {
            j.WriteStartObject();
            j.WriteString("location", p.Location);
            j.WriteString("message", p.Message);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("notes");
        foreach (var n in input.Notes) j.WriteStringValue(n);
        j.WriteEndArray();
        j.WriteNumber("decoded", input.Decoded);
        j.WriteNumber("failed", input.Failed);
        j.WriteNumber("problems_total", input.ProblemsTotal);
        j.WriteNumber("duplicates", input.Duplicates);
        WriteCounts(j, "skipped_reasons", input.SkippedReasons);
        WriteCounts(j, "ignored_blocks", input.IgnoredBlocks);
        j.WriteEndObject();
    }

    /// <summary>The finding's id in this report: F1, F2, … in report order.</summary>
    public static string FindingId(int number) => "F" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteFinding(Utf8JsonWriter j, Finding f, int number)
    {
        j.WriteStartObject();
        j.WriteString("id", FindingId(number));
        j.WriteString("kind", FindingVocabulary.Name(f.Kind));
        if (f.Technique is { } technique) j.WriteString("technique", FindingVocabulary.Name(technique));
        else j.WriteNull("technique");
        j.WriteString("protocol", FindingVocabulary.Name(f.Protocol));
        WriteHosts(j, "sources", f.Sources);
        WriteHosts(j, "targets", f.Targets);
        j.WriteStartObject("ports");
        j.WriteNumber("count", f.PortCount);
        j.WriteStartArray("list");
        foreach (var port in f.Ports) j.WriteNumberValue(port);
        j.WriteEndArray();
        j.WriteEndObject();
        InspectJsonlWriter.WriteTime(j, "first_seen", f.FirstSeen);
        InspectJsonlWriter.WriteTime(j, "last_seen", f.LastSeen);
        j.WriteNumber("packets", f.Packets);
        j.WriteNumber("confidence", Math.Round(f.Confidence, 3));
        if (f.Tool is { } tool) j.WriteString("tool", tool);
        else j.WriteNull("tool");
        j.WriteStartObject("spoofing");
        j.WriteString("verdict", FindingVocabulary.Name(f.Spoofing.Verdict));
        WriteReasons(j, f.Spoofing.Reasons);
        j.WriteEndObject();
        if (f.Origin is { } origin)
        {
            j.WriteStartObject("origin");
            if (origin.Address is { } address) InspectJsonlWriter.WriteHost(j, "address", address);
            if (origin.Mac is { } mac) j.WriteString("mac", mac.ToString());
            if (origin.Hops is { } hops) j.WriteNumber("hops", hops);
            WriteReasons(j, origin.Reasons);
            j.WriteEndObject();
        }
        else
        {
            j.WriteNull("origin");
        }

        j.WriteStartArray("evidence");
        foreach (var e in f.Evidence)
        {
            j.WriteStartObject();
            j.WriteNumber("input", e.Input);
            j.WriteNumber(e.Kind == EvidenceKind.Frame ? "frame" : "line", e.Number);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteNumber("evidence_total", f.EvidenceTotal);
        j.WritePropertyName("attributes");
        f.Attributes.WriteTo(j);
        j.WriteString("detector", f.Detector);
        j.WriteEndObject();
    }

    private static void WriteHosts(Utf8JsonWriter j, string name, IReadOnlyList<HostAddress> hosts)
    {
        j.WriteStartArray(name);
        Span<char> buffer = stackalloc char[256];
        foreach (var host in hosts)
        {
            if (host.TryFormat(buffer, out var n)) j.WriteStringValue(buffer[..n]);
            else j.WriteStringValue(host.ToString());
        }

        j.WriteEndArray();
    }

    private static void WriteReasons(Utf8JsonWriter j, IReadOnlyList<Reason> reasons)
    {
        j.WriteStartArray("reasons");
        foreach (var r in reasons)
        {
            j.WriteStartObject();
            j.WriteString("code", r.Code);
            j.WriteString("text", r.Text);
            j.WriteEndObject();
        }

        j.WriteEndArray();
    }

    private static void WriteCounts(Utf8JsonWriter j, string name, IReadOnlyDictionary<string, long> counts)
    {
        j.WriteStartObject(name);
        foreach (var (key, value) in counts) j.WriteNumber(key, value);
        j.WriteEndObject();
    }
}
