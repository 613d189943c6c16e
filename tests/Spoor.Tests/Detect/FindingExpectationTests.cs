using System.Text.Json.Nodes;
using Spoor.Detect;
using Spoor.Ingest;
using Spoor.Report;

namespace Spoor.Tests.Detect;

/// <summary>
/// What an analyst concluded from each seed trace and real-tool fixture, as findings Spoor must reach.
/// Each tests/data/expected-findings/NAME.json names its inputs (relative to tests/data), reader options,
/// and the findings expected, field by field:
/// <code>
/// { "inputs": ["seeds/001_d2.log"], "args": "--year 2000",
///   "findings": [ { "kind": "port-sweep", "technique": "syn-fin", "protocol": "tcp",
///                   "sources": ["194.112.42.193"], "targets_count": 25, "ports": [53],
///                   "tool": null, "min_confidence": 0.8, "attributes": { "method": "window-count" } } ],
///   "forbid_kinds": ["port-scan"], "exclusive": false }
/// </code>
/// Every key of an expected finding is checked (<c>targets</c> as an exact list, <c>targets_count</c>,
/// <c>ports</c> exact list, <c>ports_count</c>, <c>attributes</c> as a subset); <c>exclusive</c> means no
/// other finding may appear; <c>forbid_kinds</c> lists kinds that must not appear at all (benign traffic).
/// </summary>
public sealed class FindingExpectationTests
{
    public static TheoryData<string> Expectations()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Data("expected-findings"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public void AnalysisReachesTheExpectedFindings(string name)
    {
        var spec = JsonNode.Parse(File.ReadAllText(TestPaths.Data("expected-findings", name + ".json")))!.AsObject();
        var inputs = spec["inputs"]!.AsArray().Select(n => TestPaths.Data(n!.GetValue<string>())).ToList();
        var options = ParseArgs(spec["args"]?.GetValue<string>());
        var result = Analyzer.Run(inputs, options);
        var actual = Render(result);

        var problems = new List<string>();
        var matched = new HashSet<int>();
        foreach (var expected in spec["findings"]?.AsArray() ?? [])
        {
            var want = expected!.AsObject();
            var candidates = actual.Select((f, i) => (f, i)).Where(p => !matched.Contains(p.i)).Select(p => (p.i, Mismatches(want, p.f))).ToList();
            var best = candidates.OrderBy(c => c.Item2.Count).FirstOrDefault();
            if (candidates.Count > 0 && best.Item2.Count == 0)
            {
                matched.Add(best.i);
            }
            else
            {
                problems.Add($"expected {want.ToJsonString()} — closest: " + (candidates.Count == 0 ? "no findings" : string.Join("; ", best.Item2)));
            }
        }

        foreach (var kind in spec["forbid_kinds"]?.AsArray().Select(k => k!.GetValue<string>()) ?? [])
        {
            problems.AddRange(actual.Where(f => f["kind"]!.GetValue<string>() == kind).Select(f => $"forbidden {kind}: {f.ToJsonString()}"));
        }

        if (spec["exclusive"]?.GetValue<bool>() == true)
        {
            problems.AddRange(actual.Where((f, i) => !matched.Contains(i)).Select(f => $"unexpected finding: {f.ToJsonString()}"));
        }

        problems.Should().BeEmpty(string.Join(Environment.NewLine, problems.Take(20)) + Environment.NewLine + "findings were:" + Environment.NewLine
            + string.Join(Environment.NewLine, result.Findings.Select(FindingText.Summary)));
    }

    private static List<JsonObject> Render(AnalysisResult result)
    {
        var buffer = new MemoryStream();
        AnalysisJsonWriter.Write(result, buffer);
        buffer.Position = 0;
        return JsonNode.Parse(buffer)!["findings"]!.AsArray().Select(n => n!.AsObject()).ToList();
    }

    private static List<string> Mismatches(JsonObject want, JsonObject got)
    {
        var m = new List<string>();
        foreach (var (key, value) in want)
        {
            switch (key)
            {
                case "targets_count":
                    Check(m, key, value, got["targets"]!.AsArray().Count);
                    break;
                case "ports_count":
                    Check(m, key, value, got["ports"]!["count"]!.GetValue<int>());
                    break;
                case "ports":
                    if (!JsonNode.DeepEquals(value, got["ports"]!["list"])) m.Add($"ports {got["ports"]!["list"]!.ToJsonString()} != {value!.ToJsonString()}");
                    break;
                case "min_confidence":
                    if (got["confidence"]!.GetValue<double>() < value!.GetValue<double>()) m.Add($"confidence {got["confidence"]} < {value}");
                    break;
                case "min_packets":
                    if (got["packets"]!.GetValue<long>() < value!.GetValue<long>()) m.Add($"packets {got["packets"]} < {value}");
                    break;
                case "attributes":
                    foreach (var (name, attribute) in value!.AsObject())
                    {
                        if (!JsonNode.DeepEquals(attribute, got["attributes"]![name])) m.Add($"attributes.{name} {got["attributes"]![name]?.ToJsonString() ?? "absent"} != {attribute?.ToJsonString()}");
                    }

                    break;
                default:
                    if (!got.ContainsKey(key)) m.Add($"{key} absent");
                    else if (!JsonNode.DeepEquals(value, got[key])) m.Add($"{key} {got[key]?.ToJsonString() ?? "null"} != {value?.ToJsonString() ?? "null"}");
                    break;
            }
        }

        return m;
    }

    private static void Check(List<string> m, string key, JsonNode? want, int got)
    {
        if (want!.GetValue<int>() != got) m.Add($"{key} {got} != {want}");
    }

    internal static IngestOptions ParseArgs(string? args)
    {
        var options = new IngestOptions();
        var words = (args ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < words.Length; i += 2)
        {
            options = words[i] switch
            {
                "--year" => options with { Year = int.Parse(words[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--date" => options with { Date = DateOnly.ParseExact(words[i + 1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {words[i]}"),
            };
        }

        return options;
    }
}
