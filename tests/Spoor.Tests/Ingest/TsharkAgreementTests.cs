using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spoor.Tests.Ingest;

/// <summary>
/// Every capture under tests/data (public samples, real-tool fixtures, synthetic edge cases) decodes to what tshark dissects, field by field. The
/// expected files were made once by tests/data/tshark/make-expected.py (see its README for the command
/// and the tshark version); a mismatch names the capture, frame and field.
/// </summary>
public sealed class TsharkAgreementTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        var root = TestPaths.Data();
        foreach (var expected in Directory.EnumerateFiles(root, "*.tshark.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, expected[..^".tshark.jsonl".Length]));
        }

        return data;
    }

    [Fact]
    public void EveryCaptureHasAnExpectedDecode()
    {
        var root = TestPaths.Data();
        var captures = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal))
            .ToList();
        captures.Should().NotBeEmpty();
        captures.Where(c => !File.Exists(c + ".tshark.jsonl")).Should().BeEmpty("every capture needs its tshark decode");
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void DecodeAgreesWithTshark(string capture)
    {
        var path = TestPaths.Data(capture);
        var expected = File.ReadAllLines(path + ".tshark.jsonl").Where(l => l.Length > 0).ToList();
        var actual = Decoded.File(path);

        actual.Lines.Should().HaveCount(expected.Count, $"{capture}: one record per frame");
        var mismatches = new List<string>();
        for (var i = 0; i < expected.Count; i++)
        {
            var want = JsonNode.Parse(expected[i])!.AsObject();
            var got = JsonNode.Parse(actual.Lines[i])!.AsObject();
            Compare($"{capture} frame {want["frame"]}", want, got, mismatches);
        }

        mismatches.Should().BeEmpty(string.Join(Environment.NewLine, mismatches.Take(40)));
    }

    internal static void Compare(string where, JsonObject want, JsonObject got, List<string> mismatches)
    {
        foreach (var name in want.Select(p => p.Key).Union(got.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            var w = want[name];
            var g = got[name];
            if (!want.ContainsKey(name))
            {
                mismatches.Add($"{where}: spoor has {name}={g?.ToJsonString()}, expected has no such field");
            }
            else if (!got.ContainsKey(name))
            {
                mismatches.Add($"{where}: spoor lacks {name}, expected has {w?.ToJsonString()}");
            }
            else if (name == "time")
            {
                if (Nanoseconds(w!.GetValue<string>()) != Nanoseconds(g!.GetValue<string>()))
                {
                    mismatches.Add($"{where}: time {g} != expected {w}");
                }
            }
            else if (w is JsonObject wo && g is JsonObject go)
            {
                Compare($"{where} {name}", wo, go, mismatches);
            }
            else if (!JsonNode.DeepEquals(w, g))
            {
                mismatches.Add($"{where}: {name}={g?.ToJsonString()}, expected {w?.ToJsonString()}");
            }
        }
    }

    private static decimal Nanoseconds(string iso)
    {
        // "2013-03-07T21:42:06.869344Z": whole seconds via DateTime, the fraction as written.
        var dot = iso.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? iso.TrimEnd('Z') : iso[..dot];
        var fraction = dot < 0 ? "0" : iso[(dot + 1)..].TrimEnd('Z');
        var seconds = (decimal)(DateTime.ParseExact(whole, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) - DateTime.UnixEpoch).TotalSeconds;
        return seconds * 1_000_000_000m + decimal.Parse(fraction.PadRight(9, '0')[..9], CultureInfo.InvariantCulture);
    }
}
