using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Snort's full alert (<c>alert_full</c>, the default <c>alert</c> file of Snort 1.x and 2.x, <c>log.c</c>'s
/// <c>FullAlert</c> / <c>spo_alert_full.c</c>): a header line <c>[**] [gid:sid:rev] message [**]</c> (Snort 1.x:
/// <c>[**] SYN-FIN scan! [**]</c>), optional <c>[Classification: …] [Priority: n]</c>, the time stamp with the
/// address line (or, under <c>-e</c>, the Ethernet line and then the address line), then the packet's header
/// lines and <c>[Xref =&gt; …]</c> references; records are separated by blank lines, or follow one another
/// directly in Snort 1.x reports. Wrapped pastes are read across their lines (<see cref="SnortLines.IsContinuation"/>).
/// The message is the observation's message with an alert verdict (drop for <c>[Drop]</c>); an spp_portscan
/// message becomes a status observation (<see cref="SnortPortscanStatus"/>). A header without a time stamp line
/// after it, or a packet part that does not parse, is a malformed record. The lines of a record longer than the
/// reader's lookahead are skipped with that reason (<see cref="SnortRecordOverflow"/>); a detail line found
/// outside any record (a paste cut between lines) is reported, except lines that state nothing about a packet
/// (references, classification, end of a quoted dump), which are skipped.
/// </summary>
public sealed class SnortAlertFullFormat : ITextFormat
{
    public string Name => "snort-alert-full";

    private SnortRecordOverflow _overflow;

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        if (_overflow.TrySkip(lines, out var skipped)) return skipped;
        var first = lines[0].Text;
        var prefix = 0;
        if (!SnortLines.IsAlertHeader(first))
        {
            prefix = SnortLines.FilePrefixLength(first);
            if (prefix == 0 || !SnortLines.IsAlertHeader(first[prefix..])) return DecodeStrayLine(first);
        }

        var content = first[prefix..];
        if (!SnortAlertHeader.TryRead(content, out var header, out var problem))
        {
            return TextDecodeResult.Malformed(problem ?? "malformed Snort alert header");
        }

        var count = MeasureRecord(lines, prefix, HasTimestamp(content[header.End..]));
        _overflow.Record(lines, count);
        var portscanStatus = SnortPortscanStatus.TryApply(header.Message, ref observation);
        if (!portscanStatus)
        {
            observation.MessageId = HostTokenTable.Intern(header.Message);
            observation.Set(ObservationFields.Message);
        }

        observation.Verdict = header.Verdict;
        observation.Set(ObservationFields.Verdict);

        var tokens = new SnortTokenReader(lines, count, prefix, header.End);
        ReadOnlySpan<char> stamp;
        while (tokens.TryRead(out stamp) && stamp.StartsWith('['))
        {
            SnortPacketText.SkipBracketGroup(ref tokens, stamp); // [Classification: …] [Priority: n]
        }

        if (stamp.IsEmpty && portscanStatus) return TextDecodeResult.Decoded(count);
        if (stamp.IsEmpty || !SnortTimestamp.StartsWithTimestamp(stamp))
        {
            return TextDecodeResult.Malformed($"Snort alert \"{header.Message}\" has no time stamp line under its header", count);
        }

        if (!SnortTimestamp.TryRead(stamp, context, out var time))
        {
            return TextDecodeResult.Malformed($"Snort alert \"{header.Message}\": bad time stamp \"{stamp}\"", count);
        }

        observation.Time = time;
        observation.Set(ObservationFields.Time);
        problem = SnortPacketText.ReadPacket(ref tokens, ref observation, addressesOptional: portscanStatus);
        return problem is null
            ? TextDecodeResult.Decoded(count)
            : TextDecodeResult.Malformed($"Snort alert \"{header.Message}\": {problem}", count);
    }

    // The header line, then the first time-stamp line and the detail lines under it, up to a blank line, the next
    // header, a second time stamp or a line that is not Snort's. A paste may have flattened the time stamp onto
    // the header line.
    private static int MeasureRecord(TextLineReader lines, int prefix, bool headerHasStamp)
    {
        var name = prefix > 0 ? lines[0].Text[..(prefix - 1)] : default;
        var count = 1;
        var sawStamp = headerHasStamp;
        for (var i = 1; i < lines.Available; i++)
        {
            var content = SnortLines.WithoutPrefix(lines[i].Text, name);
            if (content.IsWhiteSpace() || SnortLines.IsAlertHeader(content) || SnortLines.IsSeparator(content)) break;
            if (SnortTimestamp.StartsWithTimestamp(content.TrimStart()))
            {
                if (sawStamp) break;
                sawStamp = true;
            }
            else if (!SnortLines.IsContinuation(content))
            {
                break;
            }

            count++;
        }

        return count;
    }

    private static bool HasTimestamp(ReadOnlySpan<char> rest)
    {
        var scanner = new TextScanner(rest);
        while (true)
        {
            scanner.SkipSpaces();
            if (SnortTimestamp.StartsWithTimestamp(scanner.Rest)) return true;
            if (!scanner.TryReadToken(out _)) return false;
        }
    }

    private static TextDecodeResult DecodeStrayLine(ReadOnlySpan<char> line)
    {
        if (!SnortLines.IsDetailLine(line))
        {
            var prefix = SnortLines.FilePrefixLength(line);
            if (prefix == 0 || !SnortLines.IsDetailLine(line[prefix..])) return TextDecodeResult.NotMine;
            line = line[prefix..];
        }

        // Lines that state nothing about a packet are skipped; a lost header or address line is worth a problem.
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith("[Xref", StringComparison.Ordinal) || trimmed.StartsWith("[Classification:", StringComparison.Ordinal)
            || trimmed.StartsWith("[Priority:", StringComparison.Ordinal) || trimmed.StartsWith("** END", StringComparison.Ordinal)
            || trimmed.StartsWith("ORIGINAL DATAGRAM", StringComparison.Ordinal))
        {
            return TextDecodeResult.Skipped("Snort reference, classification or end-of-dump line outside an alert record");
        }

        return TextDecodeResult.Malformed("Snort packet detail line without the alert or time stamp line it belongs to");
    }
}
