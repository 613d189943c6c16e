using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// BSD/OS (BSDI) kernel <c>securityalert</c> lines, written when a TCP SYN or a UDP datagram arrives for a port no
/// socket listens on: <c>kernel: securityalert: tcp if=ef0 from 24.3.57.38:11111 to 24.3.21.199 on unserved port 12345</c>.
/// The stack answers such a packet itself (RST for TCP, ICMP port unreachable for UDP), so the verdict is
/// <see cref="SensorVerdict.Reject"/>. A record wrapped over several lines is joined first; one that is plainly a
/// securityalert but lacks the addresses or the port is malformed.
/// </summary>
public sealed class BsdSecurityAlertFormat : ITextFormat
{
    private const string Marker = "securityalert:";
    private const string Message = "securityalert: unserved port";

    private static readonly RecordShapeTest ShapeTest = ShapeOf;

    private readonly RecordJoiner _joiner = new();

    public string Name => "bsd-securityalert";

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        if (!_joiner.TryGatherWhole(lines, ShapeTest, "securityalert record cut short: no 'on unserved port N'", out var text, out var used, out var declined)) return declined;

        var syslog = SyslogLine.Parse(text);
        syslog.SetTimeAndSensor(context, ref observation);
        var problem = Decode(syslog.Message[Marker.Length..], ref observation);
        return problem is null ? TextDecodeResult.Decoded(used) : TextDecodeResult.Malformed(problem, used);
    }

    private static RecordShape ShapeOf(ReadOnlySpan<char> text)
    {
        var syslog = SyslogLine.Parse(text);
        var message = syslog.Message;
        if (!message.StartsWith(Marker, StringComparison.Ordinal))
        {
            var mayContinue = (syslog.IsKernel || !syslog.HasStamp) && Marker.AsSpan().StartsWith(message) && (syslog.IsKernel || !message.IsEmpty);
            return mayContinue ? RecordShape.Partial : RecordShape.NotMine;
        }

        var port = message.LastIndexOf(" port ", StringComparison.Ordinal);
        return port >= 0 && LogRecordFields.TryParsePort(message[(port + " port ".Length)..].Trim(), out _) ? RecordShape.Complete : RecordShape.Cut;
    }

    private static string? Decode(ReadOnlySpan<char> record, ref Observation o)
    {
        var scanner = new TextScanner(record);
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var protocolName) || !LogRecordFields.TryParseIpProtocol(protocolName, out var protocol))
        {
            return "securityalert record: no protocol";
        }

        scanner.SkipSpaces();
        if (scanner.Rest.StartsWith("if=", StringComparison.Ordinal)) scanner.TryReadToken(out _);
        scanner.SkipSpaces();
        if (!scanner.TryExpect("from ")) return "securityalert record: no 'from'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var source)) return "securityalert record: no source";
        var colon = source.LastIndexOf(':');
        if (colon <= 0 || !LogRecordFields.TryParsePort(source[(colon + 1)..], out var sourcePort)) return "securityalert record: source has no port";
        scanner.SkipSpaces();
        if (!scanner.TryExpect("to ")) return "securityalert record: no 'to'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var destination)) return "securityalert record: no destination";
        scanner.SkipSpaces();
        if (!scanner.TryExpect("on unserved port ")) return "securityalert record: no 'on unserved port'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var portText) || !LogRecordFields.TryParsePort(portText, out var destinationPort))
        {
            return "securityalert record: unserved port is not a number";
        }

        LogRecordFields.SetIpVersion(ref o, 4);
        LogRecordFields.TrySetSource(ref o, source[..colon]);
        LogRecordFields.TrySetDestination(ref o, destination);
        LogRecordFields.SetIpProtocol(ref o, protocol);
        if (o.Protocol is TransportProtocol.Tcp or TransportProtocol.Udp) LogRecordFields.SetPorts(ref o, sourcePort, destinationPort);
        LogRecordFields.SetVerdict(ref o, SensorVerdict.Reject);
        LogRecordFields.SetMessage(ref o, Message);
        return null;
    }
}
