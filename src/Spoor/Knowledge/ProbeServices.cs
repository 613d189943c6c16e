using System.Globalization;
using Spoor.Evidence;

namespace Spoor.Knowledge;

/// <summary>
/// Services probed for reconnaissance, with the intent (a code) an analyst reads into a probe of them
/// (<c>probe-services.tsv</c>, sources in its header): portmapper, Solaris RPC high ports, NetBIOS names,
/// SNMP, finger, SOCKS and web proxies, POP3 and IMAP (plain and over TLS).
/// </summary>
public static class ProbeServices
{
    private const string ResourceName = "Spoor.Knowledge.probe-services.tsv";
    private const int ProtocolColumn = 0;
    private const int FirstColumn = 1;
    private const int LastColumn = 2;
    private const int NameColumn = 3;
    private const int IntentColumn = 4;
    private const int ColumnCount = 5;

    private static readonly Lazy<Dictionary<int, ProbedService>> Table = new(Load);

    /// <summary>
    /// The service a probe of <paramref name="port"/> looks for. <paramref name="protocol"/> may be
    /// <see cref="TransportProtocol.None"/> when the log did not say (a Snort fast alert): rows for either
    /// protocol then match.
    /// </summary>
    public static bool TryGet(TransportProtocol protocol, ushort port, out ProbedService service)
    {
        var table = Table.Value;
        if (protocol is TransportProtocol.Tcp or TransportProtocol.Udp)
        {
            return table.TryGetValue(Key(protocol, port), out service!);
        }

        if (protocol == TransportProtocol.None)
        {
            return table.TryGetValue(Key(TransportProtocol.Tcp, port), out service!) || table.TryGetValue(Key(TransportProtocol.Udp, port), out service!);
        }

        service = null!;
        return false;
    }

    private static int Key(TransportProtocol protocol, int port) => ((int)protocol << 16) | port;

    private static Dictionary<int, ProbedService> Load()
    {
        var table = new Dictionary<int, ProbedService>();
        foreach (var row in KnowledgeTable.Rows(ResourceName, ColumnCount))
        {
            TransportProtocol[] protocols = row[ProtocolColumn] switch
            {
                "tcp" => [TransportProtocol.Tcp],
                "udp" => [TransportProtocol.Udp],
                "any" => [TransportProtocol.Tcp, TransportProtocol.Udp],
                _ => throw new InvalidOperationException($"{ResourceName}: unknown protocol {row[ProtocolColumn]}"),
            };
            var first = ushort.Parse(row[FirstColumn], NumberStyles.None, CultureInfo.InvariantCulture);
            var last = ushort.Parse(row[LastColumn], NumberStyles.None, CultureInfo.InvariantCulture);
            var service = new ProbedService(row[NameColumn], row[IntentColumn]);
            foreach (var protocol in protocols)
            {
                // The first row naming a port wins, so a specific row placed before a range overrides it.
                for (int port = first; port <= last; port++) table.TryAdd(Key(protocol, port), service);
            }
        }

        return table;
    }
}
