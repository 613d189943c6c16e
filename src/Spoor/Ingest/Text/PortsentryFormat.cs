using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Psionic/Cisco PortSentry alerts, from syslog (<c>portsentry[pid]:</c>) or its own output:
/// <c>attackalert: TYPE from host: NAME/ADDRESS to {TCP|UDP} port: N</c> (1.x) and
/// <c>Scan from: [ADDRESS] (NAME) protocol: [TCP] port: [N] type: [TYPE] …</c> (2.x). TYPE is <c>Connect</c> (a full
/// connection to a port PortSentry listens on), <c>[TCP ]SYN/Normal scan</c>, <c>FIN scan</c>, <c>NULL scan</c>,
/// <c>XMAS scan</c>, <c>UDP scan</c> or <c>Unknown Type: TCP Packet Flags: SYN: 1 FIN: 0 …</c>; its flags are kept
/// where <c>ReportPacketType()</c> pins all six classic flags (SYN/Normal: SYN alone; FIN: FIN alone; NULL: none;
/// Unknown Type: as listed) and left absent for XMAS, which only requires FIN, URG and PSH. The line names the
/// destination port but never the client's. The verdict is <see cref="SensorVerdict.Alert"/>. Blocking notices, the
/// IP-options follow-up and <c>adminalert</c> status lines carry no packet of their own and are skipped; an
/// <c>attackalert</c> scan line without its host or port is malformed.
/// </summary>
public sealed class PortsentryFormat : ITextFormat
{
    private const string AttackAlert = "attackalert:";
    private const string AdminAlert = "adminalert:";
    private const string ScanFrom = "Scan from: [";
    private const string UnknownType = "Unknown Type:";

    public string Name => "portsentry";

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        var syslog = SyslogLine.Parse(lines[0].Text);
        var message = syslog.Message;
        var tagged = syslog.Program.SequenceEqual("portsentry");
        if (!tagged && (syslog.HasStamp || !(message.StartsWith(AttackAlert, StringComparison.Ordinal) || message.StartsWith(AdminAlert, StringComparison.Ordinal)
            || message.StartsWith(ScanFrom, StringComparison.Ordinal))))
        {
            return TextDecodeResult.NotMine;
        }

        if (message.StartsWith(ScanFrom, StringComparison.Ordinal))
        {
            syslog.SetTimeAndSensor(context, ref observation);
            var problem = DecodeScanFrom(message, ref observation);
            return problem is null ? TextDecodeResult.Decoded() : TextDecodeResult.Malformed(problem);
        }

        if (message.StartsWith(AdminAlert, StringComparison.Ordinal)) return TextDecodeResult.Skipped("status message (adminalert)");
        if (!message.StartsWith(AttackAlert, StringComparison.Ordinal)) return TextDecodeResult.Skipped("message without a packet");

        var alert = message[AttackAlert.Length..].Trim();
        if (alert.StartsWith("Host", StringComparison.Ordinal)) return TextDecodeResult.Skipped("blocking notice (a response, not a packet)");
        if (alert.StartsWith("Packet from host:", StringComparison.Ordinal)) return TextDecodeResult.Skipped("IP options note on the alert before it");
        var from = alert.IndexOf(" from ", StringComparison.Ordinal);
        if (from < 0 || !alert[from..].Contains("host:", StringComparison.Ordinal)) return TextDecodeResult.Skipped("attackalert without a scan record");

        syslog.SetTimeAndSensor(context, ref observation);
        var scanProblem = DecodeAttackAlert(alert[..from].Trim(), alert[(from + " from ".Length)..], ref observation);
        return scanProblem is null ? TextDecodeResult.Decoded() : TextDecodeResult.Malformed(scanProblem);
    }

    // "host: NAME/ADDRESS to TCP port: N" after the scan type.
    private static string? DecodeAttackAlert(ReadOnlySpan<char> type, ReadOnlySpan<char> rest, ref Observation o)
    {
        var scanner = new TextScanner(rest);
        scanner.SkipSpaces();
        if (!scanner.TryExpect("host:")) return "portsentry attackalert: no 'host:'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var hosts)) return "portsentry attackalert: no host";
        scanner.SkipSpaces();
        if (!scanner.TryExpect("to ")) return "portsentry attackalert: no 'to'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var protocol)) return "portsentry attackalert: no protocol";
        scanner.SkipSpaces();
        if (!scanner.TryExpect("port:")) return "portsentry attackalert: no 'port:'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var portText) || !LogRecordFields.TryParsePort(portText, out var port)) return "portsentry attackalert: port is not a number";

        // NAME/ADDRESS: the resolved name (or the address again) and the address.
        var slash = hosts.LastIndexOf('/');
        var address = slash >= 0 && slash + 1 < hosts.Length ? hosts[(slash + 1)..] : hosts;
        return Finish(type, address, protocol, port, ref o);
    }

    // Scan from: [ADDRESS] (NAME) protocol: [TCP] port: [N] type: [TYPE] IP opts: [...] ...
    private static string? DecodeScanFrom(ReadOnlySpan<char> message, ref Observation o)
    {
        var address = Bracketed(message, "Scan from: ");
        var protocol = Bracketed(message, " protocol: ");
        var portText = Bracketed(message, " port: ");
        var type = Bracketed(message, " type: ");
        if (address.IsEmpty || protocol.IsEmpty || portText.IsEmpty) return "portsentry scan record: no address, protocol or port";
        if (!LogRecordFields.TryParsePort(portText, out var port)) return "portsentry scan record: port is not a number";
        return Finish(type, address, protocol, port, ref o);
    }

    private static string? Finish(ReadOnlySpan<char> type, ReadOnlySpan<char> address, ReadOnlySpan<char> protocolName, ushort port, ref Observation o)
    {
        if (!LogRecordFields.TryParseIpProtocol(protocolName, out var protocol) || protocol is not (LogRecordFields.Tcp or LogRecordFields.Udp))
        {
            return "portsentry record: protocol is neither TCP nor UDP";
        }

        if (LogRecordFields.TrySetSource(ref o, address)) LogRecordFields.SetIpVersionFrom(ref o, o.Source);
        LogRecordFields.SetIpProtocol(ref o, protocol);
        LogRecordFields.SetDestinationPort(ref o, port);
        if (protocol == LogRecordFields.Tcp && TryFlagsOf(type, out var flags)) LogRecordFields.SetTcpFlags(ref o, flags);
        LogRecordFields.SetVerdict(ref o, SensorVerdict.Alert);
        LogRecordFields.SetMessage(ref o, type);
        return null;
    }

    private static bool TryFlagsOf(ReadOnlySpan<char> type, out TcpFlags flags)
    {
        flags = TcpFlags.None;
        if (type.StartsWith(UnknownType, StringComparison.Ordinal)) return TryListedFlags(type, out flags);
        if (type.StartsWith("TCP ", StringComparison.Ordinal)) type = type[4..];
        switch (type)
        {
            case "SYN/Normal scan":
                flags = TcpFlags.Syn;
                return true;
            case "FIN scan":
                flags = TcpFlags.Fin;
                return true;
            case "NULL scan":
                return true;
            default:
                return false;
        }
    }

    // "Unknown Type: TCP Packet Flags: SYN: 1 FIN: 0 ACK: 0 PSH: 0 URG: 0 RST: 0"
    private static bool TryListedFlags(ReadOnlySpan<char> type, out TcpFlags flags)
    {
        flags = TcpFlags.None;
        var seen = 0;
        var scanner = new TextScanner(type[UnknownType.Length..]);
        while (true)
        {
            scanner.SkipSpaces();
            if (!scanner.TryReadToken(out var token)) break;
            if (token.Length != 4 || token[^1] != ':') continue;
            var flag = LogRecordFields.FlagOf(token[..3]);
            scanner.SkipSpaces();
            if (flag == TcpFlags.None || !scanner.TryReadToken(out var bit) || bit is not ("0" or "1")) continue;
            if (bit[0] == '1') flags |= flag;
            seen++;
        }

        const int classicFlagsListed = 6;
        return seen == classicFlagsListed;
    }

    private static ReadOnlySpan<char> Bracketed(ReadOnlySpan<char> message, ReadOnlySpan<char> label)
    {
        var at = message.IndexOf(label, StringComparison.Ordinal);
        if (at < 0) return default;
        var rest = message[(at + label.Length)..];
        if (!rest.StartsWith('[')) return default;
        var close = rest.IndexOf(']');
        return close < 0 ? default : rest[1..close].Trim();
    }
}
