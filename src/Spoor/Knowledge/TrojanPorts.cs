using System.Globalization;
using Spoor.Evidence;

namespace Spoor.Knowledge;

/// <summary>
/// Default ports of backdoors and trojans by transport protocol (<c>trojan-ports.tsv</c>, sources in its
/// header). The protocol is part of the key: NetBus is TCP 12345, so UDP 12345 is not NetBus.
/// </summary>
public static class TrojanPorts
{
    private const string ResourceName = "Spoor.Knowledge.trojan-ports.tsv";
    private const int ProtocolColumn = 0;
    private const int PortColumn = 1;
    private const int NameColumn = 2;
    private const int ColumnCount = 3;

    private static readonly Lazy<Dictionary<int, string[]>> Table = new(Load);

    /// <summary>
    /// The backdoors known to listen on <paramref name="port"/> over <paramref name="protocol"/> (TCP or UDP);
    /// false when none is. The array is shared: do not change it.
    /// </summary>
    public static bool TryGet(TransportProtocol protocol, ushort port, out string[] backdoors)
    {
        backdoors = [];
        if (protocol is not (TransportProtocol.Tcp or TransportProtocol.Udp)) return false;
        if (!Table.Value.TryGetValue(Key(protocol, port), out var found)) return false;
        backdoors = found;
        return true;
    }

    private static int Key(TransportProtocol protocol, ushort port) => ((int)protocol << 16) | port;

    private static Dictionary<int, string[]> Load()
    {
        var names = new Dictionary<int, List<string>>();
        foreach (var row in KnowledgeTable.Rows(ResourceName, ColumnCount))
        {
            var protocol = row[ProtocolColumn] switch
            {
                "tcp" => TransportProtocol.Tcp,
                "udp" => TransportProtocol.Udp,
                _ => throw new InvalidOperationException($"{ResourceName}: unknown protocol {row[ProtocolColumn]}"),
            };
            var key = Key(protocol, ushort.Parse(row[PortColumn], NumberStyles.None, CultureInfo.InvariantCulture));
            if (!names.TryGetValue(key, out var list)) names[key] = list = [];
            if (!list.Contains(row[NameColumn])) list.Add(row[NameColumn]);
        }

        var table = new Dictionary<int, string[]>(names.Count);
        foreach (var (key, list) in names) table[key] = [.. list];
        return table;
    }
}
