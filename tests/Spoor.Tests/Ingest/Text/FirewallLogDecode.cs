using System.Text;
using System.Text.Json.Nodes;
using Spoor.Evidence;
using Spoor.Ingest;
using Spoor.Report;

namespace Spoor.Tests.Ingest.Text;

/// <summary>Decodes log text written in a test through the real opener and text reader, as JSON records and books.</summary>
internal sealed record FirewallLogDecode(IReadOnlyList<JsonObject> Records, IReadOnlyList<Observation> Observations, InputAccounting Books)
{
    public static FirewallLogDecode Of(string text, int year = 2000)
    {
        var options = new IngestOptions { Year = year };
        using var source = InputOpener.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), new InputAccounting(0, "test"), options);
        var buffer = new MemoryStream();
        var observations = new List<Observation>();
        using (var writer = new InspectJsonlWriter(buffer))
        {
            while (source.TryRead(out var observation))
            {
                observations.Add(observation);
                writer.Write(observation);
            }
        }

        var records = Encoding.UTF8.GetString(buffer.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToList();
        return new FirewallLogDecode(records, observations, source.Accounting);
    }

    /// <summary>The one record the text holds (fails otherwise).</summary>
    public JsonObject Single()
    {
        Records.Should().ContainSingle(because: Books.Problems.Count > 0 ? Books.Problems[0].Message : "one record was expected");
        return Records[0];
    }

    /// <summary>The books add up and every failure has a location and a message.</summary>
    public void ShouldBeAccountedFor()
    {
        Books.Records.Should().Be(Books.Decoded + Books.Skipped + Books.Failed);
        Books.Problems.Should().OnlyContain(p => p.Location.Length > 0 && p.Message.Length > 0);
    }
}
