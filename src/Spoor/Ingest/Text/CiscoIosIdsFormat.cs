using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Cisco IOS intrusion-detection alerts: the IOS Firewall IDS signatures
/// (<c>%IDS-4-TCP_SENDMAIL_VRFY_SIG: Sig:3103:Sendmail Reconnaissance - from A to B</c>, the protocol named by the
/// mnemonic's <c>TCP_</c>/<c>UDP_</c>/<c>ICMP_</c> prefix, no ports) and the IOS IPS alerts
/// (<c>%IPS-4-SIGNATURE: Sig:3051 Subsig:1 Sev:4 NAME [A:SPORT -> B:DPORT]</c>, ports but no protocol). The signature
/// words are the message and the verdict is <see cref="SensorVerdict.Alert"/>. Other IDS/IPS messages (engine status,
/// signature loading) are skipped; a signature line without its addresses is malformed.
/// </summary>
public sealed class CiscoIosIdsFormat : ITextFormat
{
    private const string From = " - from ";

    private static readonly RecordShapeTest ShapeTest = ShapeOf;

    private readonly RecordJoiner _joiner = new();

    public string Name => "cisco-ios-ids";

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        var shape = _joiner.Gather(lines, ShapeTest, out var text, out var used);
        if (shape != RecordShape.Complete || !CiscoLogHeader.TryParse(text, out var header)) return TextDecodeResult.NotMine;

        string? problem;
        if (header.Facility.SequenceEqual("IPS") && header.Mnemonic.SequenceEqual("SIGNATURE"))
        {
            header.SetTime(context, ref observation);
            problem = DecodeIps(header.Body, ref observation);
        }
        else if (header.Facility.SequenceEqual("IDS") && header.Mnemonic.EndsWith("_SIG", StringComparison.Ordinal))
        {
            header.SetTime(context, ref observation);
            problem = DecodeIds(header.Body, header.Mnemonic, ref observation);
        }
        else
        {
            return TextDecodeResult.Skipped("IOS IDS/IPS message that is not a signature alert", used);
        }

        return problem is null ? TextDecodeResult.Decoded(used) : TextDecodeResult.Malformed(problem, used);
    }

    private static RecordShape ShapeOf(ReadOnlySpan<char> text)
    {
        if (CiscoLogHeader.TryParse(text, out var header))
        {
            return CiscoFacilities.IsIntrusionDetection(header.Facility) ? RecordShape.Complete : RecordShape.NotMine;
        }

        return CiscoLogHeader.IsHeaderWithoutMessage(text) ? RecordShape.Partial : RecordShape.NotMine;
    }

    // "Sig:3051 Subsig:1 Sev:4 TCP Connection Window Size DoS [192.168.100.11:51654 -> 10.10.10.10:4444]"
    private static string? DecodeIps(ReadOnlySpan<char> body, ref Observation o)
    {
        var open = body.IndexOf(" [", StringComparison.Ordinal);
        if (open < 0) return "IOS IPS alert: no [source -> destination]";
        var close = body[open..].IndexOf(']');
        if (close < 0) return "IOS IPS alert: unclosed [source -> destination]";
        var flow = body[(open + 2)..(open + close)];
        var arrow = flow.IndexOf(" -> ", StringComparison.Ordinal);
        if (arrow < 0) return "IOS IPS alert: no '->' between the addresses";
        if (!TrySplit(flow[..arrow].Trim(), out var source, out var sourcePort) || !TrySplit(flow[(arrow + 4)..].Trim(), out var destination, out var destinationPort))
        {
            return "IOS IPS alert: unreadable address:port";
        }

        SetAddresses(ref o, source, destination);
        if (sourcePort >= 0 && destinationPort >= 0) LogRecordFields.SetPorts(ref o, (ushort)sourcePort, (ushort)destinationPort);
        LogRecordFields.SetVerdict(ref o, SensorVerdict.Alert);
        LogRecordFields.SetMessage(ref o, body[..open]);
        return null;
    }

    // "Sig:3103:Sendmail Reconnaissance - from 12.34.56.78 to 90.12.34.56"
    private static string? DecodeIds(ReadOnlySpan<char> body, ReadOnlySpan<char> mnemonic, ref Observation o)
    {
        var from = body.IndexOf(From, StringComparison.Ordinal);
        if (from < 0) return "IOS IDS alert: no '- from'";
        var scanner = new TextScanner(body[(from + From.Length)..]);
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var source)) return "IOS IDS alert: no source";
        scanner.SkipSpaces();
        if (!scanner.TryExpect("to ")) return "IOS IDS alert: no 'to'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var destination)) return "IOS IDS alert: no destination";

        SetAddresses(ref o, source, destination);
        if (mnemonic.StartsWith("TCP_", StringComparison.Ordinal)) LogRecordFields.SetIpProtocol(ref o, LogRecordFields.Tcp);
        else if (mnemonic.StartsWith("UDP_", StringComparison.Ordinal)) LogRecordFields.SetIpProtocol(ref o, LogRecordFields.Udp);
        else if (mnemonic.StartsWith("ICMP_", StringComparison.Ordinal)) LogRecordFields.SetIpProtocol(ref o, LogRecordFields.Icmp);
        LogRecordFields.SetVerdict(ref o, SensorVerdict.Alert);
        LogRecordFields.SetMessage(ref o, body[..from]);
        return null;
    }

    private static void SetAddresses(ref Observation o, ReadOnlySpan<char> source, ReadOnlySpan<char> destination)
    {
        if (LogRecordFields.TrySetSource(ref o, source)) LogRecordFields.SetIpVersionFrom(ref o, o.Source);
        LogRecordFields.TrySetDestination(ref o, destination);
    }

    // "192.168.100.11:51654" (IPv4 with a port) or an address alone.
    private static bool TrySplit(ReadOnlySpan<char> text, out ReadOnlySpan<char> host, out int port)
    {
        port = -1;
        host = text;
        var colon = text.LastIndexOf(':');
        if (colon < 0 || text[..colon].Contains(':')) return !text.IsEmpty;
        host = text[..colon];
        if (!LogRecordFields.TryParsePort(text[(colon + 1)..], out var value)) return false;
        port = value;
        return !host.IsEmpty;
    }
}
