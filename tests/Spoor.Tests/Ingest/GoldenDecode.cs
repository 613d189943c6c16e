using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spoor.Ingest;
using Spoor.Report;

namespace Spoor.Tests.Ingest;

/// <summary>
/// Golden decodes of text fixtures. A fixture <c>NAME.log</c> (any extension) has <c>NAME.expected.jsonl</c>
/// beside it: one <c>inspect --format jsonl</c> object per record, then one <c>{"problem":…}</c> line per
/// located problem and a closing <c>{"books":…}</c> line with the input's counts, so everything the reader
/// concluded is checked. Optional <c>NAME.args</c> holds reader options (<c>--year 2000 --tz +02:00 --date 2000-03-18</c>).
/// Set SPOOR_UPDATE_GOLDEN=1 to rewrite expected files after a change whose new output is more right;
/// review the diff before committing it.
/// </summary>
internal static class GoldenDecode
{
    public const string ExpectedSuffix = ".expected.jsonl";
    public const string ArgsSuffix = ".args";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every fixture under <paramref name="folder"/> (relative to tests/data) that has an expected file.</summary>
    public static IEnumerable<string> Fixtures(string folder)
    {
        var root = TestPaths.Data();
        var dir = Path.Combine(root, folder);
        if (!Directory.Exists(dir)) yield break;
        foreach (var expected in Directory.EnumerateFiles(dir, "*" + ExpectedSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var stem = expected[..^ExpectedSuffix.Length];
            var fixture = Directory.EnumerateFiles(Path.GetDirectoryName(stem)!, Path.GetFileName(stem) + ".*")
                .Where(f => !f.EndsWith(ExpectedSuffix, StringComparison.Ordinal) && !f.EndsWith(ArgsSuffix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .FirstOrDefault() ?? (File.Exists(stem) ? stem : null);
            if (fixture is not null) yield return Path.GetRelativePath(root, fixture);
        }
    }

    /// <summary>Decodes the fixture and checks it against its expected file, field by field.</summary>
    public static void Check(string fixture)
    {
        var path = TestPaths.Data(fixture);
        var stem = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));
        var expectedPath = File.Exists(stem + ExpectedSuffix) ? stem + ExpectedSuffix : path + ExpectedSuffix;
        var actual = Render(path, ReadOptions(stem));

        if (Environment.GetEnvironmentVariable("SPOOR_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, string.Join('\n', actual) + "\n");
            return;
        }

        var expected = File.ReadAllLines(expectedPath).Where(l => l.Length > 0).ToList();
        var mismatches = new List<string>();
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            if (i >= expected.Count)
            {
                mismatches.Add($"{fixture}: unexpected extra output {actual[i]}");
                continue;
            }

            if (i >= actual.Count)
            {
                mismatches.Add($"{fixture}: missing expected output {expected[i]}");
                continue;
            }

            var want = JsonNode.Parse(expected[i])!.AsObject();
            var got = JsonNode.Parse(actual[i])!.AsObject();
            var where = want["line"] is { } line ? $"{fixture} line {line}" : $"{fixture} output {i + 1}";
            TsharkAgreementTests.Compare(where, want, got, mismatches);
        }

        mismatches.Should().BeEmpty(string.Join(Environment.NewLine, mismatches.Take(40)));
    }

    /// <summary>The golden rendering of one input: observations, problems, books.</summary>
    public static List<string> Render(string path, IngestOptions options)
    {
        using var source = InputOpener.Open(path, 0, options);
        var buffer = new MemoryStream();
        using (var writer = new InspectJsonlWriter(buffer))
        {
            while (source.TryRead(out var observation)) writer.Write(observation);
        }

        var lines = Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var books = source.Accounting;
        foreach (var p in books.Problems)
        {
            lines.Add(JsonSerializer.Serialize(new { problem = new { location = p.Location, message = p.Message } }, Json));
        }

        lines.Add(JsonSerializer.Serialize(new
        {
            books = new { format = books.Format, records = books.Records, decoded = books.Decoded, skipped = books.Skipped, failed = books.Failed },
        }, Json));
        return lines;
    }

    private static IngestOptions ReadOptions(string stem)
    {
        var options = new IngestOptions();
        if (!File.Exists(stem + ArgsSuffix)) return options;
        var words = File.ReadAllText(stem + ArgsSuffix).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < words.Length; i += 2)
        {
            options = words[i] switch
            {
                "--year" => options with { Year = int.Parse(words[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--date" => options with { Date = DateOnly.ParseExact(words[i + 1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                "--tz" => IngestOptions.TryParseZone(words[i + 1], out var zone, out _) ? options with { Zone = zone } : throw new ArgumentException(words[i + 1]),
                _ => throw new ArgumentException($"unknown option {words[i]} in {stem}{ArgsSuffix}"),
            };
        }

        return options;
    }
}
