using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Snort 1.x's spp_portscan preprocessor output (<c>spp_portscan.c</c>). Its log file has one line per probe,
/// written as <c>"%s %2d %.2d:%.2d:%.2d %s:%d -&gt; %s:%d %s %s %s"</c>: month, day, time, source, destination,
/// the scan type Snort assigned (<c>SYN</c>, <c>UDP</c>, <c>FIN</c>, <c>NULL</c>, <c>XMAS</c>, <c>FULLXMAS</c>,
/// <c>SYNFIN</c>, <c>VECNA</c>, <c>NOACK</c>, <c>NMAPID</c>, <c>SPAU</c>, <c>INVALIDACK</c>, <c>UNKNOWN</c>), the TCP
/// flag string (empty for UDP) and <c>RESERVEDBITS</c> when a reserved bit was set:
/// <c>May 27 23:44:47 MY.NET.253.12:43753 -&gt; MY.NET.14.1:7 SYN 2*S***** RESERVEDBITS</c>. The scan type is the
/// observation's message, verdict alert. Also the preprocessor's status lines (<c>spp_portscan: PORTSCAN
/// DETECTED from …</c>, <c>portscan status from …</c>, <c>End of portscan from …</c>), alone or after a syslog
/// header, which become status observations (<see cref="SnortPortscanStatus"/>). The year comes from the
/// context. A grep file-name prefix is skipped. A line shaped like a probe line whose parts do not parse is
/// malformed; an spp_portscan line of another kind is skipped.
/// </summary>
public sealed class SnortPortscanFormat : ITextFormat
{
    private const string ReservedBitsWord = "RESERVEDBITS";
    private const string SnortProgram = "snort";

    public string Name => "snort-portscan";

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        var line = lines[0].Text;
        if (!LooksLikeProbeLine(line) && !LooksLikeStatusLine(line, out _))
        {
            var prefix = SnortLines.FilePrefixLength(line);
            if (prefix == 0) return TextDecodeResult.NotMine;
            line = line[prefix..];
            if (!LooksLikeProbeLine(line) && !LooksLikeStatusLine(line, out _)) return TextDecodeResult.NotMine;
        }

        return LooksLikeStatusLine(line, out var statusAt)
            ? DecodeStatus(line, statusAt, context, ref observation)
            : DecodeProbe(line, context, ref observation);
    }

    private static TextDecodeResult DecodeProbe(ReadOnlySpan<char> line, TextDecodeContext context, ref Observation o)
    {
        var scanner = new TextScanner(line);
        scanner.SkipSpaces();
        if (!scanner.TryReadSyslogTime(context, out var time)) return TextDecodeResult.Malformed("Snort portscan log: bad time stamp");
        o.Time = time;
        o.Set(ObservationFields.Time);

        var words = new TextScanner(scanner.Rest);
        words.SkipSpaces();
        if (!words.TryReadToken(out var from)) return TextDecodeResult.Malformed("Snort portscan log: no source");
        words.SkipSpaces();
        words.TryReadToken(out _); // "->", checked by LooksLikeProbeLine
        words.SkipSpaces();
        if (!words.TryReadToken(out var to)) return TextDecodeResult.Malformed("Snort portscan log: no destination after '->'");
        if (!TrySplit(from, out var source, out var sourcePort) || !TrySplit(to, out var destination, out var destinationPort))
        {
            return TextDecodeResult.Malformed($"Snort portscan log: bad address line \"{from} -> {to}\"");
        }

        o.Source = source;
        o.Destination = destination;
        o.IpVersion = source.Kind == HostAddressKind.IPv6 ? (byte)6 : (byte)4;
        o.SourcePort = sourcePort;
        o.DestinationPort = destinationPort;
        o.Set(ObservationFields.Source | ObservationFields.Destination | ObservationFields.IpVersion | ObservationFields.Ports);

        words.SkipSpaces();
        if (!words.TryReadToken(out var scanType) || !IsScanType(scanType)) return TextDecodeResult.Malformed("Snort portscan log: no scan type after the addresses");
        o.MessageId = HostTokenTable.Intern(scanType);
        o.Set(ObservationFields.Message);
        o.Verdict = SensorVerdict.Alert;
        o.Set(ObservationFields.Verdict);

        // spp_portscan watches TCP and UDP only, and writes no flag string for UDP.
        var udp = scanType.SequenceEqual("UDP");
        SnortProtocolNames.TryMap(udp ? "UDP" : "TCP", out var protocol, out var number);
        o.Protocol = protocol;
        o.IpProtocol = number;
        o.Set(ObservationFields.Protocol | ObservationFields.IpProtocol);

        while (true)
        {
            words.SkipSpaces();
            if (!words.TryReadToken(out var word)) break;
            if (word.SequenceEqual(ReservedBitsWord)) continue;
            if (udp || o.Has(ObservationFields.TcpFlags) || !SnortTcpFlags.TryParse(word, out var flags))
            {
                return TextDecodeResult.Malformed($"Snort portscan log: unexpected \"{word}\" after the scan type");
            }

            o.TcpFlags = flags;
            o.Set(ObservationFields.TcpFlags);
        }

        return TextDecodeResult.Decoded();
    }

    private static TextDecodeResult DecodeStatus(ReadOnlySpan<char> line, int statusAt, TextDecodeContext context, ref Observation o)
    {
        if (statusAt > 0)
        {
            var scanner = new TextScanner(line);
            scanner.SkipSpaces();
            if (scanner.TryReadSyslogTime(context, out var time))
            {
                o.Time = time;
                o.Set(ObservationFields.Time);
            }
        }

        return SnortPortscanStatus.TryApply(line[statusAt..], ref o)
            ? TextDecodeResult.Decoded()
            : TextDecodeResult.Skipped("spp_portscan message that names no scanner");
    }

    // "May 27 23:44:42 src:port -> dst:port …": shape only, so the context's year inference is not touched.
    private static bool LooksLikeProbeLine(ReadOnlySpan<char> line)
    {
        var scanner = new TextScanner(line);
        scanner.SkipSpaces();
        if (!scanner.TryReadMonthName(out _) || !scanner.TryExpect(' ')) return false;
        scanner.SkipSpaces();
        if (!scanner.TryReadInt(out var day) || day is < 1 or > 31 || !scanner.TryExpect(' ')
            || !scanner.TryReadClock(out _, out _, out _, out _, out _))
        {
            return false;
        }

        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var from) || from.IndexOf(':') <= 0) return false;
        scanner.SkipSpaces();
        return scanner.TryReadToken(out var arrow) && arrow.SequenceEqual(SnortPacketText.Arrow);
    }

    // "spp_portscan: …" alone, or after a syslog header ending in "snort:" / "snort[pid]:".
    private static bool LooksLikeStatusLine(ReadOnlySpan<char> line, out int statusAt)
    {
        statusAt = line.IndexOf(SnortPortscanStatus.Prefix, StringComparison.Ordinal);
        if (statusAt < 0) return false;
        var before = line[..statusAt].TrimEnd();
        if (before.IsEmpty) return true;
        if (!before.EndsWith(':')) return false;
        var program = before[..^1];
        var space = program.LastIndexOfAny(' ', '\t');
        program = program[(space + 1)..];
        var bracket = program.IndexOf('[');
        if (bracket >= 0) program = program[..bracket];
        return program.SequenceEqual(SnortProgram);
    }

    private static bool IsScanType(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiLetterUpper(c)) return false;
        }

        return !word.IsEmpty;
    }

    private static bool TrySplit(ReadOnlySpan<char> text, out HostAddress host, out ushort port)
    {
        host = default;
        port = 0;
        var colon = text.LastIndexOf(':');
        return colon > 0
            && ushort.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
            && HostAddress.TryParseOrToken(text[..colon], out host);
    }
}
