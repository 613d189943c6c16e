using Spoor.Knowledge;

namespace Spoor.Report;

/// <summary>
/// The sentence a report prints for each code a detector puts in a finding's attributes
/// (<c>finding-phrases.tsv</c>, sources in its header), keyed by attribute and code.
/// </summary>
internal static class FindingPhrases
{
    private const string ResourceName = "Spoor.Report.finding-phrases.tsv";
    private const int AttributeColumn = 0;
    private const int CodeColumn = 1;
    private const int SentenceColumn = 2;
    private const int ColumnCount = 3;

    private static readonly Lazy<Dictionary<(string Attribute, string Code), string>> Table = new(() =>
    {
        var table = new Dictionary<(string Attribute, string Code), string>();
        foreach (var row in KnowledgeTable.Rows(ResourceName, ColumnCount))
        {
            if (!table.TryAdd((row[AttributeColumn], row[CodeColumn]), row[SentenceColumn]))
            {
                throw new InvalidOperationException($"{ResourceName}: {row[AttributeColumn]} {row[CodeColumn]} has two rows");
            }
        }

        return table;
    });

    /// <summary>Every (attribute, code) pair the table words.</summary>
    public static IEnumerable<(string Attribute, string Code)> Codes => Table.Value.Keys;

    public static bool TryGet(string attribute, string code, out string sentence) => Table.Value.TryGetValue((attribute, code), out sentence!);
}
