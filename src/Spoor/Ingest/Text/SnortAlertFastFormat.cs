using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Snort's fast alert (<c>alert_fast</c>, <c>spo_alert_fast.c</c>; Snort 1.x <c>-A fast</c>), one line per alert:
/// <c>03/18-02:25:46.587048  [**] [1:469:1] ICMP PING NMAP [**] [Classification: …] [Priority: 2] {ICMP} 10.0.0.1 -&gt; 10.0.0.2</c>.
/// Snort 1.x has no ids, classification or <c>{PROTO}</c>; ICMP and fragments have no ports; an inline sensor
/// puts <c>[Drop]</c> before <c>[**]</c>; Suricata's fast.log writes the same line with a four-digit year. With
/// the <c>packet</c> option the packet's header lines follow and are read too. A grep file-name prefix
/// (<c>SnortA7.txt:05/28-…</c>) is skipped. The message is the observation's message, verdict alert (drop for
/// <c>[Drop]</c>); an spp_portscan message becomes a status observation (<see cref="SnortPortscanStatus"/>).
/// A line that starts like a fast alert but does not parse is a malformed record with the reason.
/// </summary>
public sealed class SnortAlertFastFormat : ITextFormat
{
    public string Name => "snort-alert-fast";

    private SnortRecordOverflow _overflow;

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        if (_overflow.TrySkip(lines, out var skipped)) return skipped;
        var first = lines[0].Text;
        var prefix = 0;
        if (!LooksLikeFastAlert(first))
        {
            prefix = SnortLines.FilePrefixLength(first);
            if (prefix == 0 || !LooksLikeFastAlert(first[prefix..])) return TextDecodeResult.NotMine;
        }

        var count = MeasureRecord(lines, prefix);
        _overflow.Record(lines, count);
        var content = first[prefix..];
        var tokens = new SnortTokenReader(lines, count, prefix, 0);
        tokens.TryRead(out var stamp);
        if (!SnortTimestamp.TryRead(stamp, context, out var time))
        {
            return TextDecodeResult.Malformed($"Snort fast alert: bad time stamp \"{stamp}\"", count);
        }

        observation.Time = time;
        observation.Set(ObservationFields.Time);

        var afterStamp = content.Length - content.TrimStart().Length + stamp.Length;
        if (!SnortAlertHeader.TryRead(content[afterStamp..], out var header, out var problem))
        {
            return TextDecodeResult.Malformed($"Snort fast alert: {problem ?? "no [**] message [**] after the time stamp"}", count);
        }

        var portscanStatus = SnortPortscanStatus.TryApply(header.Message, ref observation);
        if (!portscanStatus)
        {
            observation.MessageId = HostTokenTable.Intern(header.Message);
            observation.Set(ObservationFields.Message);
        }

        observation.Verdict = header.Verdict;
        observation.Set(ObservationFields.Verdict);

        tokens = new SnortTokenReader(lines, count, prefix, afterStamp + header.End);
        var portsPossible = true;
        while (tokens.TryPeek(out var token) && (token.StartsWith('[') || token.StartsWith('{')))
        {
            tokens.TryRead(out token);
            if (token.StartsWith('['))
            {
                SnortPacketText.SkipBracketGroup(ref tokens, token); // [Classification: …] [Priority: n]
                continue;
            }

            // {TCP}: the protocol; ICMP and other protocols have no ports.
            var name = token.Trim("{}");
            if (SnortProtocolNames.TryMap(name, out var protocol, out var number))
            {
                observation.Protocol = protocol;
                observation.IpProtocol = number;
                observation.Set(ObservationFields.Protocol | ObservationFields.IpProtocol);
                portsPossible = protocol is TransportProtocol.Tcp or TransportProtocol.Udp;
            }
        }

        problem = SnortPacketText.ReadAddresses(ref tokens, ref observation, optional: portscanStatus, portsPossible)
            ?? SnortPacketText.ReadHeaders(ref tokens, ref observation, inDump: false);
        return problem is null
            ? TextDecodeResult.Decoded(count)
            : TextDecodeResult.Malformed($"Snort fast alert \"{header.Message}\": {problem}", count);
    }

    private static bool LooksLikeFastAlert(ReadOnlySpan<char> content)
    {
        var trimmed = content.TrimStart();
        return SnortTimestamp.StartsWithTimestamp(trimmed) && trimmed.Contains(SnortLines.AlertMarker, StringComparison.Ordinal);
    }

    // The alert line, then the packet's header lines when Snort was told to print them.
    private static int MeasureRecord(TextLineReader lines, int prefix)
    {
        var name = prefix > 0 ? lines[0].Text[..(prefix - 1)] : default;
        var count = 1;
        while (count < lines.Available && SnortLines.IsDetailLine(SnortLines.WithoutPrefix(lines[count].Text, name))) count++;
        return count;
    }
}
