using System.Globalization;

namespace Spoor.Knowledge;

/// <summary>
/// Well-known service names and their ports (<c>services.tsv</c>, from the IANA registry and the old BSD
/// aliases), for logs that print <c>host.smtp</c> or <c>host.netbios-ns</c> where a port number belongs.
/// Loaded once from the embedded table; lookups by span do not allocate.
/// </summary>
public static class ServiceNames
{
    private const string ResourceName = "Spoor.Knowledge.services.tsv";
    private const int NameColumn = 0;
    private const int PortColumn = 1;

    private static readonly Lazy<Dictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>>> Ports = new(Load);

    /// <summary>The port registered for <paramref name="name"/> (case-sensitive, as /etc/services is); false for unknown names.</summary>
    public static bool TryGetPort(ReadOnlySpan<char> name, out ushort port) => Ports.Value.TryGetValue(name, out port);

    private static Dictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>> Load()
    {
        var ports = new Dictionary<string, ushort>(StringComparer.Ordinal);
        using var stream = typeof(ServiceNames).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (header)
            {
                header = false;
                continue;
            }

            var columns = line.Split('\t');
            // A bad row is a bug in the shipped table, not user input: fail loudly the first time the table loads.
            ports.Add(columns[NameColumn], ushort.Parse(columns[PortColumn], NumberStyles.None, CultureInfo.InvariantCulture));
        }

        return ports.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
