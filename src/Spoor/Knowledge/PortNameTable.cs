using System.Globalization;
using System.Reflection;

namespace Spoor.Knowledge;

/// <summary>
/// Maps names that logs print instead of port numbers to the port: daemon names in TCP-wrappers lines
/// (<c>daemons.tsv</c>) and Cisco ASA port keywords (<c>cisco-ports.tsv</c>). Each table is an embedded
/// tab-separated file (name, <c>tcp</c>/<c>udp</c>/<c>tcp/udp</c>, port), loaded once on first use; lookups by
/// span allocate nothing. Names compare without regard to case.
/// </summary>
public sealed class PortNameTable
{
    private const string ResourcePrefix = "Spoor.Knowledge.";
    private const byte Tcp = 6;
    private const byte Udp = 17;

    private static readonly Lazy<PortNameTable> DaemonTable = new(() => Load("daemons.tsv"));
    private static readonly Lazy<PortNameTable> CiscoTable = new(() => Load("cisco-ports.tsv"));

    private readonly Dictionary<string, ServicePort> _ports;
    private readonly Dictionary<string, ServicePort>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    private PortNameTable(Dictionary<string, ServicePort> ports)
    {
        _ports = ports;
        _bySpan = ports.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Daemons that log through TCP wrappers (<c>in.telnetd</c> → 23/tcp).</summary>
    public static PortNameTable Daemons => DaemonTable.Value;

    /// <summary>Cisco ASA/PIX port keywords (<c>ssh</c> → 22/tcp, <c>www</c> → 80).</summary>
    public static PortNameTable CiscoKeywords => CiscoTable.Value;

    public int Count => _ports.Count;

    public bool TryLookup(ReadOnlySpan<char> name, out ServicePort port) => _bySpan.TryGetValue(name, out port);

    /// <summary>
    /// Looks a daemon up as syslog tags write it: the name itself, then without a directory (<c>/usr/sbin/sshd</c>),
    /// then without the <c>in.</c> prefix inetd daemons carry.
    /// </summary>
    public bool TryLookupDaemon(ReadOnlySpan<char> name, out ServicePort port)
    {
        var slash = name.LastIndexOf('/');
        if (slash >= 0) name = name[(slash + 1)..];
        return TryLookup(name, out port) || (name.StartsWith("in.", StringComparison.Ordinal) && TryLookup(name[3..], out port));
    }

    /// <summary>Parses one table's text; lines starting with <c>#</c> and blank lines are comments.</summary>
    internal static PortNameTable Parse(string text, string name)
    {
        var ports = new Dictionary<string, ServicePort>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var columns = line.Split('\t');
            if (columns.Length != 3 || !ushort.TryParse(columns[2], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                throw new InvalidDataException($"{name} line {number}: expected name<TAB>protocol<TAB>port");
            }

            var protocol = columns[1] switch
            {
                "tcp" => Tcp,
                "udp" => Udp,
                "tcp/udp" => (byte)0,
                _ => throw new InvalidDataException($"{name} line {number}: protocol must be tcp, udp or tcp/udp"),
            };
            if (!ports.TryAdd(columns[0], new ServicePort(port, protocol)))
            {
                throw new InvalidDataException($"{name} line {number}: {columns[0]} listed twice");
            }
        }

        return new PortNameTable(ports);
    }

    private static PortNameTable Load(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"embedded knowledge table {file} is missing from the build");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), file);
    }
}
