using System.Text.Json.Nodes;
using Spoor.Detect;
using Spoor.Report;

namespace Spoor.Tests.Detect;

/// <summary>
/// The connection tracker is a shortcut, never a judgement: over every capture and log the tests carry, the
/// findings with the tracker on are exactly those with it off.
/// </summary>
public sealed class ConnectionShortcutTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var directory in new[] { "fixtures", "public", "synthetic", "seeds" })
        {
            foreach (var file in Directory.EnumerateFiles(TestPaths.Data(directory), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (name.EndsWith(".pcap", StringComparison.Ordinal) || name.EndsWith(".pcapng", StringComparison.Ordinal)
                    || name.EndsWith(".log", StringComparison.Ordinal))
                {
                    data.Add(Path.GetRelativePath(TestPaths.Data(), file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void FindingsAreTheSameWithTheShortcutOnAndOff(string input)
    {
        var path = TestPaths.Data(input);
        var on = Findings(Analyzer.Run([path], new Spoor.Ingest.IngestOptions { Year = 2000 }));
        var off = Findings(Analyzer.Run([path], new Spoor.Ingest.IngestOptions { Year = 2000 }, detection: DetectionOptions.Default with { MaxTrackedConnections = 0 }));
        on.ToJsonString().Should().Be(off.ToJsonString());
    }

    private static JsonNode Findings(AnalysisResult result)
    {
        var buffer = new MemoryStream();
        AnalysisJsonWriter.Write(result, buffer);
        buffer.Position = 0;
        return JsonNode.Parse(buffer)!["findings"]!;
    }
}
