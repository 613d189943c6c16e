using System.Globalization;
using Spoor.Evidence;

namespace Spoor.Knowledge;

/// <summary>The probes of known OS-detection tools (<c>os-probes.tsv</c>, sources in its header).</summary>
public static class OsProbes
{
    private const string ResourceName = "Spoor.Knowledge.os-probes.tsv";
    private const int NameColumn = 0;
    private const int ToolColumn = 1;
    private const int ProtocolColumn = 2;
    private const int FlagsColumn = 3;
    private const int WindowColumn = 4;
    private const int OptionsColumn = 5;
    private const int TestsColumn = 6;
    private const int OrdinaryColumn = 7;
    private const int ColumnCount = 8;
    private const string Any = "-";

    private static readonly Lazy<IReadOnlyList<OsProbe>> Table = new(Load);
    private static readonly Lazy<ulong> Ordinary = new(() =>
    {
        var mask = 0UL;
        for (var i = 0; i < Table.Value.Count; i++)
        {
            if (Table.Value[i].Ordinary) mask |= 1UL << i;
        }

        return mask;
    });

    private static readonly Lazy<Candidates> Index = new(() => new Candidates(Table.Value));

    /// <summary>Every probe, in table order (a detector keeps what it saw by this index; at most 64 rows).</summary>
    public static IReadOnlyList<OsProbe> All => Table.Value;

    /// <summary>Bit i set: probe i of <see cref="All"/> can also come from ordinary traffic.</summary>
    public static ulong OrdinaryMask => Ordinary.Value;

    /// <summary>The index in <see cref="All"/> of the first probe <paramref name="o"/> is, or -1.</summary>
    public static int Match(in Observation o)
    {
        var all = Table.Value;
        foreach (var i in Index.Value.For(o))
        {
            if (all[i].Matches(o)) return i;
        }

        return -1;
    }

    /// <summary>
    /// Whether the probes in <paramref name="seen"/> (bit i: probe i of <see cref="All"/>) make a fingerprinting
    /// run: at least <paramref name="minimum"/> distinct ones, one of which no ordinary traffic sends.
    /// </summary>
    public static bool IsRun(ulong seen, int minimum) =>
        System.Numerics.BitOperations.PopCount(seen) >= minimum && (seen & ~OrdinaryMask) != 0;

    /// <summary>
    /// The rows a packet could match, by protocol and, for TCP, by classic flags (every TCP row needs the flags, and
    /// most fix them) and window (most fix it too): an ordinary SYN, whose window no SYN probe uses, is tested against
    /// the one SYN probe that takes any window, not the dozen SYN probes or all thirty rows. Each list keeps table
    /// order, so the first match is the one a scan of every row finds.
    /// </summary>
    private sealed class Candidates
    {
        private const int ClassicFlagSets = 256;

        private readonly int[][] _tcpByFlags = new int[ClassicFlagSets][];

        /// <summary>Per flag set, the rows that take any window: all a packet can match when no row fixes its window.</summary>
        private readonly int[][] _tcpAnyWindow = new int[ClassicFlagSets][];

        /// <summary>Per flag set, the windows its rows fix, ascending.</summary>
        private readonly ushort[][] _tcpWindows = new ushort[ClassicFlagSets][];
        private readonly int[] _udp;
        private readonly int[] _icmp;

        public Candidates(IReadOnlyList<OsProbe> rows)
        {
            _udp = Rows(rows, p => p.Protocol == TransportProtocol.Udp);
            _icmp = Rows(rows, p => p.Protocol == TransportProtocol.Icmp);
            for (var flags = 0; flags < ClassicFlagSets; flags++)
            {
                var classic = (TcpFlags)flags;
                _tcpByFlags[flags] = Rows(rows, p => p.Protocol == TransportProtocol.Tcp && (p.Flags is null || p.Flags == classic));
                _tcpAnyWindow[flags] = [.. _tcpByFlags[flags].Where(i => rows[i].Window is null)];
                _tcpWindows[flags] = [.. _tcpByFlags[flags].Select(i => rows[i].Window).OfType<ushort>().Distinct().Order()];
            }
        }

        public ReadOnlySpan<int> For(in Observation o) => o.Protocol switch
        {
            TransportProtocol.Tcp when o.Has(ObservationFields.TcpFlags) => Tcp(o),
            TransportProtocol.Udp => _udp,
            TransportProtocol.Icmp => _icmp,
            _ => [],
        };

        /// <summary>Every TCP row needs the window; rows that fix one other than the packet's are left out.</summary>
        private ReadOnlySpan<int> Tcp(in Observation o)
        {
            if (!o.Has(ObservationFields.Window)) return [];
            var flags = (int)(o.TcpFlags & TcpFlags.Classic);
            return _tcpWindows[flags].AsSpan().BinarySearch(o.Window) >= 0 ? _tcpByFlags[flags] : _tcpAnyWindow[flags];
        }

        private static int[] Rows(IReadOnlyList<OsProbe> rows, Func<OsProbe, bool> keep) =>
            Enumerable.Range(0, rows.Count).Where(i => keep(rows[i])).ToArray();
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
            byte[]? options = row[OptionsColumn] switch
            {
                Any => null,
                "none" => [],
                var kinds => kinds.Split(',').Select(k => byte.Parse(k, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray(),
            };
            var checks = ParseChecks(row[TestsColumn]);
            if (protocol != TransportProtocol.Tcp && checks.IsEmpty)
            {
                throw new InvalidOperationException($"{ResourceName}: {row[NameColumn]} would match every {row[ProtocolColumn]} packet");
            }

            var ordinary = row[OrdinaryColumn] switch
            {
                "yes" => true,
                "no" => false,
                _ => throw new InvalidOperationException($"{ResourceName}: ordinary must be yes or no, not {row[OrdinaryColumn]}"),
            };
            list.Add(new OsProbe(row[NameColumn], row[ToolColumn], protocol, flags, window, options, checks, ordinary));
        }

        if (list.Count > 64) throw new InvalidOperationException($"{ResourceName}: more than 64 probes do not fit a detector's bit mask");
        return list;
    }

    private static OsProbeChecks ParseChecks(string cell)
    {
        var tests = new OsProbeChecks();
        if (cell == "none") return tests;
        foreach (var test in cell.Split(','))
        {
            var parts = test.Split('=');
            if (parts.Length != 2) throw new InvalidOperationException($"{ResourceName}: malformed test {test}");
            var value = parts[1];
            tests = parts[0] switch
            {
                "ip_id" => tests with { IpId = Number(value) },
                "icmp_type" => tests with { IcmpType = checked((byte)Number(value)) },
                "icmp_code" => tests with { IcmpCode = checked((byte)Number(value)) },
                "tos" => tests with { Tos = checked((byte)Number(value)) },
                "source_port" => tests with { SourcePort = checked((ushort)Number(value)) },
                "df" when value == "1" => tests with { DontFragment = true },
                "min_ttl" => tests with { MinTtl = checked((byte)Number(value)) },
                "payload" => tests with { PayloadLengths = value.Split('|').Select(v => checked((int)Number(v))).ToArray() },
                _ => throw new InvalidOperationException($"{ResourceName}: unknown test {test}"),
            };
        }

        return tests;
    }

    private static uint Number(string text) => uint.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

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
