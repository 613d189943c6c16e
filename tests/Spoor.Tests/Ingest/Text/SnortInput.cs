using System.Text;
using System.Text.Json.Nodes;
using Spoor.Ingest;
using Spoor.Report;

namespace Spoor.Tests.Ingest.Text;

/// <summary>Decodes a few lines of Snort text (with a year, as the seeds' fixtures have) into inspect JSON records and the input's books.</summary>
internal sealed record SnortInput(IReadOnlyList<JsonObject> Records, InputAccounting Books)
{
    public const int Year = 2000;

    public static SnortInput Decode(params string[] lines)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        var books = new InputAccounting(0, "snort-test");
        using var source = InputOpener.Open(new MemoryStream(bytes, writable: false), books, new IngestOptions { Year = Year });
        var buffer = new MemoryStream();
        using (var writer = new InspectJsonlWriter(buffer))
        {
            while (source.TryRead(out var observation)) writer.Write(observation);
        }

        var records = Encoding.UTF8.GetString(buffer.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToList();
        books.Records.Should().Be(books.Decoded + books.Skipped + books.Failed, "every record is accounted for");
        return new SnortInput(records, source.Accounting);
    }

    /// <summary>The only record, which must have decoded.</summary>
    public JsonObject Single()
    {
        Books.Problems.Should().BeEmpty();
        Records.Should().ContainSingle();
        return Records[0];
    }
}
