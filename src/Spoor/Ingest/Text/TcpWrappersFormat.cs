using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Ingest.Text;

/// <summary>
/// TCP wrappers (libwrap/tcpd, Wietse Venema) lines in syslog, under the wrapped daemon's tag:
/// <c>refused connect from CLIENT</c> (denied by hosts.allow/hosts.deny; the client sees its connection closed, so the
/// verdict is <see cref="SensorVerdict.Reject"/>), <c>connect from CLIENT</c> (allowed), and the warning
/// <c>warning: [FILE, line N: ]host name/address mismatch: ADDR != NAME</c> (or <c>host name/name mismatch</c>), which
/// libwrap writes when a client's reverse and forward DNS disagree. CLIENT is an address, a name, <c>user@host</c> or
/// (OpenSSH) <c>name (address)</c>; <c>unknown</c> means libwrap had neither. The line never names the server's address or
/// the client's port; the daemon's service port comes from the knowledge table <c>daemons.tsv</c>. Other libwrap warnings
/// carry no client and are skipped; a record wrapped over several lines is joined first.
/// </summary>
public sealed class TcpWrappersFormat : ITextFormat
{
    private const string Refused = "refused connect from ";
    private const string Connect = "connect from ";
    private const string Warning = "warning:";
    private const string AddressMismatch = "host name/address mismatch:";
    private const string NameMismatch = "host name/name mismatch:";
    private const string Unknown = "unknown";
    private const int MaxMessageLength = 256;

    private static readonly RecordShapeTest ShapeTest = ShapeOf;

    private readonly RecordJoiner _joiner = new();

    public string Name => "tcp-wrappers";

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        if (!_joiner.TryGatherWhole(lines, ShapeTest, "TCP wrappers record cut short: no client", out var text, out var used, out var declined)) return declined;

        var syslog = SyslogLine.Parse(text);
        var message = syslog.Message;
        var mismatch = MismatchAt(message, out var phraseLength);
        if (message.StartsWith(Warning, StringComparison.Ordinal) && mismatch < 0)
        {
            return TextDecodeResult.Skipped("TCP wrappers warning without a client", used);
        }

        syslog.SetTimeAndSensor(context, ref observation);
        SensorVerdict verdict;
        ReadOnlySpan<char> client;
        ReadOnlySpan<char> words;
        if (mismatch >= 0)
        {
            verdict = SensorVerdict.Log;
            words = message[mismatch..];
            var pair = message[(mismatch + phraseLength)..];
            client = pair[..pair.IndexOf(" != ", StringComparison.Ordinal)].Trim();
        }
        else if (message.StartsWith(Refused, StringComparison.Ordinal))
        {
            verdict = SensorVerdict.Reject;
            words = Refused.AsSpan().TrimEnd()[..^" from".Length];
            client = message[Refused.Length..];
        }
        else
        {
            verdict = SensorVerdict.Accept;
            words = Connect.AsSpan().TrimEnd()[..^" from".Length];
            client = message[Connect.Length..];
        }

        SetClient(client.Trim(), ref observation);
        SetService(syslog.Program, ref observation);
        LogRecordFields.SetVerdict(ref observation, verdict);
        SetMessage(ref observation, syslog.Program, words);
        return TextDecodeResult.Decoded(used);
    }

    private static RecordShape ShapeOf(ReadOnlySpan<char> text)
    {
        var syslog = SyslogLine.Parse(text);
        if (!syslog.HasStamp || syslog.Program.IsEmpty || syslog.IsKernel) return RecordShape.NotMine;
        var message = syslog.Message;

        if (message.StartsWith(Refused, StringComparison.Ordinal)) return message.Length > Refused.Length ? RecordShape.Complete : RecordShape.Cut;
        if (message.StartsWith(Connect, StringComparison.Ordinal)) return IsClient(message[Connect.Length..]) ? RecordShape.Complete : RecordShape.NotMine;
        if (message.SequenceEqual("refused connect from")) return RecordShape.Cut;
        if (message is "refused" or "refused connect" or "connect" or "connect from" || message.SequenceEqual(Warning)) return RecordShape.Partial;
        if (!message.StartsWith(Warning, StringComparison.Ordinal)) return RecordShape.NotMine;

        var mismatch = MismatchAt(message, out var phraseLength);
        if (mismatch >= 0)
        {
            var pair = message[(mismatch + phraseLength)..];
            var separator = pair.IndexOf(" != ", StringComparison.Ordinal);
            return separator > 0 && !pair[(separator + 4)..].IsWhiteSpace() && !pair[..separator].IsWhiteSpace() ? RecordShape.Complete : RecordShape.Cut;
        }

        // Other libwrap warnings name the table file ("/etc/hosts.allow, line 17: …") or the lookup that failed.
        var warning = message[Warning.Length..].TrimStart();
        if (warning.Contains("hosts.allow", StringComparison.Ordinal) || warning.Contains("hosts.deny", StringComparison.Ordinal))
        {
            return warning[^1] == ':' ? RecordShape.Cut : RecordShape.Complete;
        }

        return warning.StartsWith("can't verify hostname", StringComparison.Ordinal) || warning.StartsWith("can't get client address", StringComparison.Ordinal)
            ? RecordShape.Complete
            : RecordShape.NotMine;
    }

    private static int MismatchAt(ReadOnlySpan<char> message, out int phraseLength)
    {
        phraseLength = AddressMismatch.Length;
        var at = message.IndexOf(AddressMismatch, StringComparison.Ordinal);
        if (at >= 0) return at;
        phraseLength = NameMismatch.Length;
        return message.IndexOf(NameMismatch, StringComparison.Ordinal);
    }

    // One token, or OpenSSH's "name (address)"; postfix's "name[address]" is another program's line.
    private static bool IsClient(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty || text.Contains('[')) return false;
        var space = text.IndexOf(' ');
        return space < 0 || (text[(space + 1)..].StartsWith('(') && text[^1] == ')' && text[(space + 1)..].IndexOf(' ') < 0);
    }

    private static void SetClient(ReadOnlySpan<char> client, ref Observation o)
    {
        var space = client.IndexOf(' ');
        if (space > 0 && client[^1] == ')')
        {
            var address = client[(space + 1)..].Trim("()");
            var name = client[..space];
            client = HostAddress.TryParseOrToken(address, out var parsed) && parsed.Kind != HostAddressKind.Token ? address : name;
        }

        var at = client.LastIndexOf('@');
        if (at >= 0) client = client[(at + 1)..];
        if (client.IsEmpty || client.SequenceEqual(Unknown)) return;
        if (LogRecordFields.TrySetSource(ref o, client)) LogRecordFields.SetIpVersionFrom(ref o, o.Source);
    }

    private static void SetService(ReadOnlySpan<char> daemon, ref Observation o)
    {
        if (!PortNameTable.Daemons.TryLookupDaemon(daemon, out var service)) return;
        LogRecordFields.SetDestinationPort(ref o, service.Port);
        if (service.IpProtocol != 0) LogRecordFields.SetIpProtocol(ref o, service.IpProtocol);
    }

    // "in.telnetd: refused connect", "telnetd: host name/address mismatch: 194.90.83.130 != ras5.iet.co.il".
    private static void SetMessage(ref Observation o, ReadOnlySpan<char> daemon, ReadOnlySpan<char> words)
    {
        Span<char> message = stackalloc char[MaxMessageLength];
        var length = daemon.Length + 2 + words.Length;
        if (length > message.Length)
        {
            LogRecordFields.SetMessage(ref o, words);
            return;
        }

        daemon.CopyTo(message);
        message[daemon.Length] = ':';
        message[daemon.Length + 1] = ' ';
        words.CopyTo(message[(daemon.Length + 2)..]);
        LogRecordFields.SetMessage(ref o, message[..length]);
    }
}
