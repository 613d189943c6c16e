using System.Text.Encodings.Web;
using System.Text.Json;
using Spoor.Ingest;

namespace Spoor.Report;

/// <summary>
/// Writes an <see cref="AnalysisResult"/> in the <c>spoor/1</c> contract (<c>../shared/spec/JSON.md</c>).
/// Beyond the contract's input fields it adds <c>decoded</c>, <c>failed</c>, <c>skipped_reasons</c>,
/// <c>problems_total</c>, <c>duplicates</c> and <c>ignored_blocks</c>, so <c>records = decoded + skipped + failed</c> can be checked.
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

    private static void WriteCounts(Utf8JsonWriter j, string name, IReadOnlyDictionary<string, long> counts)
    {
        j.WriteStartObject(name);
        foreach (var (key, value) in counts) j.WriteNumber(key, value);
        j.WriteEndObject();
    }
}
