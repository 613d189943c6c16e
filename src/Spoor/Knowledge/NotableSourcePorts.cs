using System.Globalization;

namespace Spoor.Knowledge;

/// <summary>
/// Fixed source ports with a known meaning for a prober (<c>notable-source-ports.tsv</c>, sources in its header); the
/// meaning is a kebab-case code (<c>filter-bypass-dns</c>) that the report words.
/// </summary>
public static class NotableSourcePorts
{
    private const string ResourceName = "Spoor.Knowledge.notable-source-ports.tsv";
    private const int PortColumn = 0;
    private const int MeaningColumn = 1;
    private const int ColumnCount = 2;

    private static readonly Lazy<Dictionary<ushort, string>> Table = new(() =>
    {
        var table = new Dictionary<ushort, string>();
        foreach (var row in KnowledgeTable.Rows(ResourceName, ColumnCount))
        {
            table.Add(ushort.Parse(row[PortColumn], NumberStyles.None, CultureInfo.InvariantCulture), row[MeaningColumn]);
        }

        return table;
    });

    public static bool TryGetMeaning(ushort port, out string meaning) => Table.Value.TryGetValue(port, out meaning!);
}
