namespace Spoor.Knowledge;

/// <summary>
/// Reads an embedded knowledge table: tab-separated rows after <c>#</c> comment lines (which name the
/// sources) and one header line. A bad row is a bug in the shipped table, not user input, so the loaders
/// fail loudly the first time a table loads.
/// </summary>
internal static class KnowledgeTable
{
    /// <summary>The data rows of <paramref name="resourceName"/>, each split into its columns.</summary>
    public static List<string[]> Rows(string resourceName, int columns)
    {
        using var stream = typeof(KnowledgeTable).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource {resourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        var header = true;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#') continue;
            if (header)
            {
                header = false;
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length != columns)
            {
                throw new InvalidOperationException($"{resourceName} line {number}: {cells.Length} columns, expected {columns}");
            }

            rows.Add(cells);
        }

        return rows;
    }
}
