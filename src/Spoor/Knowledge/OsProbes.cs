using System.Globalization;
using Spoor.Evidence;

namespace Spoor.Knowledge;

/// <summary>The probes of known OS-detection tools (<c>os-probes.tsv</c>, sources in its header).</summary>
public static class OsProbes
{
    private const string ResourceName = "Spoor.Knowledge.os-probes.tsv";
    private const int NameColumn = 0;
    private const int ProtocolColumn = 1;
    private const int FlagsColumn = 2;
    private const int WindowColumn = 3;
    private const int OptionsColumn = 4;
    private const int TestColumn = 5;
    private const int ColumnCount = 6;
    private const string Any = "-";

    private static readonly Lazy<IReadOnlyList<OsProbe>> Table = new(Load);

    /// <summary>Every probe, in table order (a detector keeps what it saw by this index; at most 64 rows).</summary>
    public static IReadOnlyList<OsProbe> All => Table.Value;

    /// <summary>The index in <see cref="All"/> of the first probe <paramref name="o"/> is, or -1.</summary>
    public static int Match(in Observation o)
    {
        var all = Table.Value;
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Matches(o)) return i;
        }

        return -1;
    }

    private static List<OsProbe> Load()
    {
        var list = new List<OsProbe>();
        foreach (var row in KnowledgeTable.Rows(ResourceName, ColumnCount))
        {
            var protocol = row[ProtocolColumn] switch
            {
                "tcp" => TransportProtocol.Tcp,
                "udp" => TransportProtocol.Udp,
                "icmp" => TransportProtocol.Icmp,
                _ => throw new InvalidOperationException($"{ResourceName}: unknown protocol {row[ProtocolColumn]}"),
            };
            TcpFlags? flags = row[FlagsColumn] == Any ? null : ParseFlags(row[FlagsColumn]);
            ushort? window = row[WindowColumn] == Any ? null : ushort.Parse(row[WindowColumn], NumberStyles.None, CultureInfo.InvariantCulture);
            byte[]? options = row[OptionsColumn] == Any ? null
                : row[OptionsColumn].Split(',').Select(k => byte.Parse(k, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
            uint? ipId = null;
            byte? code = null, tos = null;
            var test = row[TestColumn];
            if (test != "none")
            {
                var parts = test.Split('=');
                var value = uint.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture);
                switch (parts[0])
                {
                    case "ip_id": ipId = value; break;
                    case "icmp_code": code = (byte)value; break;
                    case "tos": tos = (byte)value; break;
                    default: throw new InvalidOperationException($"{ResourceName}: unknown test {test}");
                }
            }

            list.Add(new OsProbe(row[NameColumn], protocol, flags, window, options, ipId, code, tos));
        }

        if (list.Count > 64) throw new InvalidOperationException($"{ResourceName}: more than 64 probes do not fit a detector's bit mask");
        return list;
    }

    private static TcpFlags ParseFlags(string letters)
    {
        var flags = TcpFlags.None;
        foreach (var c in letters)
        {
            flags |= c switch
            {
                'C' => TcpFlags.Cwr,
                'E' => TcpFlags.Ece,
                'U' => TcpFlags.Urg,
                'A' => TcpFlags.Ack,
                'P' => TcpFlags.Psh,
                'R' => TcpFlags.Rst,
                'S' => TcpFlags.Syn,
                'F' => TcpFlags.Fin,
                _ => throw new InvalidOperationException($"{ResourceName}: unknown flag letter {c}"),
            };
        }

        return flags;
    }
}
