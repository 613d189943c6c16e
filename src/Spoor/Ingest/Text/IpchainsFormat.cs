using System.Globalization;
using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Linux 2.2 ipchains <c>-l</c> log lines, as <c>dump_packet()</c> in net/ipv4/ip_fw.c writes them:
/// <c>Packet log: CHAIN VERDICT [REDIRECT-PORT] IFACE PROTO=N SRC:SPORT DST:DPORT L=len S=0xTOS I=id F=0xFRAG T=ttl
/// [O=0xOPTS]… [SYN] [(#RULE)]</c>, after a syslog <c>kernel:</c> header or alone. For ICMP the two "ports" are the type
/// and code; for other protocols and for non-first fragments they mean nothing and are not kept. <c>F=</c> is the
/// header's flags-and-offset word (DF 0x4000, MF 0x2000, offset in 8-byte units). <c>SYN</c> is printed when SYN is set
/// and ACK and RST are not, so its absence does not say the packet carried no SYN: flags stay absent then.
/// A record wrapped over several lines is joined first. A line that is plainly ipchains but lacks a field the kernel
/// always prints (PROTO=, the addresses) is malformed; fields that fail to parse are left absent.
/// </summary>
public sealed class IpchainsFormat : ITextFormat
{
    private const string Marker = "Packet log:";
    private const int DontFragmentBit = 0x4000;
    private const int MoreFragmentsBit = 0x2000;
    private const int OffsetMask = 0x1FFF;
    private const int OffsetUnit = 8;
    private const int MaxMessageLength = 128;

    private static readonly RecordShapeTest ShapeTest = ShapeOf;

    private readonly RecordJoiner _joiner = new();

    public string Name => "ipchains";

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        if (!_joiner.TryGatherWhole(lines, ShapeTest, "ipchains record cut short: no T= field", out var text, out var used, out var declined)) return declined;

        // "SYN" and "(#n)" may have been wrapped onto a line of their own.
        if (used < lines.Available && RecordJoiner.IsContinuation(lines[used].Text) && IsTailOnly(lines[used].Text))
        {
            used++;
            text = _joiner.Join(lines, used);
        }

        var syslog = SyslogLine.Parse(text);
        syslog.SetTimeAndSensor(context, ref observation);
        var record = syslog.Message[(syslog.Message.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..];
        var problem = Decode(record, ref observation);
        return problem is null ? TextDecodeResult.Decoded(used) : TextDecodeResult.Malformed(problem, used);
    }

    private static RecordShape ShapeOf(ReadOnlySpan<char> text)
    {
        var syslog = SyslogLine.Parse(text);
        var message = syslog.Message;
        if (!message.StartsWith(Marker, StringComparison.Ordinal))
        {
            // A kernel line that stops before (or inside) "Packet log:" may be a wrapped record.
            var mayContinue = (syslog.IsKernel || !syslog.HasStamp) && Marker.AsSpan().StartsWith(message) && (syslog.IsKernel || !message.IsEmpty);
            return mayContinue ? RecordShape.Partial : RecordShape.NotMine;
        }

        var scanner = new TextScanner(message[Marker.Length..]);
        while (true)
        {
            scanner.SkipSpaces();
            if (!scanner.TryReadToken(out var token)) return RecordShape.Cut;
            if (token.StartsWith("T=", StringComparison.Ordinal)) return RecordShape.Complete;
        }
    }

    private static bool IsTailOnly(ReadOnlySpan<char> line)
    {
        var scanner = new TextScanner(line);
        var any = false;
        while (true)
        {
            scanner.SkipSpaces();
            if (!scanner.TryReadToken(out var token)) return any;
            if (!(token.SequenceEqual("SYN") || token.StartsWith("O=0x", StringComparison.Ordinal) || (token.StartsWith("(#") && token[^1] == ')'))) return false;
            any = true;
        }
    }

    private static string? Decode(ReadOnlySpan<char> record, ref Observation o)
    {
        var scanner = new TextScanner(record);
        scanner.SkipSpaces();
        var actionStart = scanner.Position;
        if (!scanner.TryReadToken(out _)) return "ipchains record: no chain name";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var verdict)) return "ipchains record: no verdict";
        var actionEnd = scanner.Position;
        scanner.SkipSpaces();
        if (verdict.SequenceEqual("REDIRECT"))
        {
            var portAt = scanner.Position;
            if (scanner.TryReadInt(out _) && (scanner.AtEnd || scanner.Peek == ' ')) actionEnd = scanner.Position;
            else scanner.Position = portAt;
            scanner.SkipSpaces();
        }

        var action = record[actionStart..actionEnd];
        LogRecordFields.SetVerdict(ref o, VerdictOf(verdict));

        if (!scanner.TryReadToken(out _)) return "ipchains record: no interface";
        scanner.SkipSpaces();
        if (!scanner.TryExpect("PROTO=") || !scanner.TryReadInt(out var protocol) || protocol > byte.MaxValue) return "ipchains record: no PROTO= number";
        LogRecordFields.SetIpVersion(ref o, 4);
        LogRecordFields.SetIpProtocol(ref o, (byte)protocol);

        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var source) || !TrySplitHostPort(source, out var sourceHost, out var sourcePort)) return "ipchains record: no source address:port";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var destination) || !TrySplitHostPort(destination, out var destinationHost, out var destinationPort))
        {
            return "ipchains record: no destination address:port";
        }

        LogRecordFields.TrySetSource(ref o, sourceHost);
        LogRecordFields.TrySetDestination(ref o, destinationHost);

        var syn = false;
        var fragmentWord = -1;
        var rule = ReadOnlySpan<char>.Empty;
        while (true)
        {
            scanner.SkipSpaces();
            if (!scanner.TryReadToken(out var token)) break;
            if (token.SequenceEqual("SYN"))
            {
                syn = true;
                continue;
            }

            if (token.StartsWith("(#") && token[^1] == ')')
            {
                rule = token;
                continue;
            }

            var eq = token.IndexOf('=');
            if (eq != 1) continue;
            var value = token[2..];
            switch (token[0])
            {
                case 'L' when LogRecordFields.TryParseUInt(value, out var length) && length <= ushort.MaxValue:
                    o.IpLength = (int)length;
                    o.Set(ObservationFields.IpLength);
                    break;
                case 'S' when TryHex(value, out var tos) && tos <= byte.MaxValue:
                    o.Tos = (byte)tos;
                    o.Set(ObservationFields.Tos);
                    break;
                case 'I' when LogRecordFields.TryParseUInt(value, out var id) && id <= ushort.MaxValue:
                    o.IpId = id;
                    o.Set(ObservationFields.IpId);
                    break;
                case 'F' when TryHex(value, out var word) && word <= ushort.MaxValue:
                    fragmentWord = (int)word;
                    break;
                case 'T' when LogRecordFields.TryParseByte(value, out var ttl):
                    o.Ttl = ttl;
                    o.Set(ObservationFields.Ttl);
                    break;
            }
        }

        var firstFragment = true;
        if (fragmentWord >= 0)
        {
            o.DontFragment = (fragmentWord & DontFragmentBit) != 0;
            o.MoreFragments = (fragmentWord & MoreFragmentsBit) != 0;
            o.FragmentOffset = (fragmentWord & OffsetMask) * OffsetUnit;
            o.Set(ObservationFields.DontFragment | ObservationFields.Fragment);
            firstFragment = o.FragmentOffset == 0;
        }

        if (!firstFragment)
        {
            // A later fragment has no transport header: the kernel's "ports" are not from the packet.
            o.Protocol = TransportProtocol.Ip;
        }
        else if (o.Protocol is TransportProtocol.Tcp or TransportProtocol.Udp)
        {
            LogRecordFields.SetPorts(ref o, sourcePort, destinationPort);
            if (o.Protocol == TransportProtocol.Tcp && syn) LogRecordFields.SetTcpFlags(ref o, TcpFlags.Syn);
        }
        else if (o.Protocol == TransportProtocol.Icmp && sourcePort <= byte.MaxValue && destinationPort <= byte.MaxValue)
        {
            LogRecordFields.SetIcmp(ref o, (byte)sourcePort, (byte)destinationPort);
        }

        SetMessage(ref o, action, rule);
        return null;
    }

    private static void SetMessage(ref Observation o, ReadOnlySpan<char> action, ReadOnlySpan<char> rule)
    {
        Span<char> message = stackalloc char[MaxMessageLength];
        if (action.Length + 1 + rule.Length > message.Length)
        {
            LogRecordFields.SetMessage(ref o, action);
            return;
        }

        action.CopyTo(message);
        var length = action.Length;
        if (!rule.IsEmpty)
        {
            message[length++] = ' ';
            rule.CopyTo(message[length..]);
            length += rule.Length;
        }

        LogRecordFields.SetMessage(ref o, message[..length]);
    }

    private static SensorVerdict VerdictOf(ReadOnlySpan<char> verdict) => verdict switch
    {
        "ACCEPT" => SensorVerdict.Accept,
        "DENY" => SensorVerdict.Deny,
        "REJECT" => SensorVerdict.Reject,

        // Masqueraded and redirected packets were let through (rewritten on the way).
        "MASQ" or "REDIRECT" => SensorVerdict.Accept,

        // RETURN or a jump to a user-defined chain: logged, not yet decided.
        _ => SensorVerdict.Log,
    };

    private static bool TrySplitHostPort(ReadOnlySpan<char> token, out ReadOnlySpan<char> host, out ushort port)
    {
        var colon = token.LastIndexOf(':');
        host = colon > 0 ? token[..colon] : default;
        port = 0;
        return colon > 0 && LogRecordFields.TryParsePort(token[(colon + 1)..], out port);
    }

    private static bool TryHex(ReadOnlySpan<char> value, out uint result)
    {
        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) value = value[2..];
        return uint.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out result);
    }
}
