using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// A packet as Snort prints it without an alert: the console output of <c>snort -v</c> and the ASCII packet
/// logs under <c>-l</c> (<c>log.c</c>'s <c>PrintIPPkt</c>): the time stamp and address line
/// (<c>05/20-17:06:45.061034 192.160.13.4:31337 -&gt; 172.16.1.101:1</c>, or the Ethernet line under <c>-e</c>),
/// then the same header lines as in a full alert, then <c>=+=+=+…</c> between packets. Analysts paste these
/// flattened onto one line (<c>… -&gt; 172.16.1.101:1 TCP TTL:44 TOS:0x10 ID:242 ***FRP** Seq: 0xA1D95 …</c>),
/// which reads the same. Kept apart from <see cref="SnortAlertFullFormat"/> because no rule fired: the verdict
/// is <c>log</c> and there is no message. A record that starts like a packet but does not parse is malformed;
/// a separator line is skipped.
/// </summary>
public sealed class SnortPacketFormat : ITextFormat
{
    public string Name => "snort-packet";

    private SnortRecordOverflow _overflow;

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        if (_overflow.TrySkip(lines, out var skipped)) return skipped;
        var first = lines[0].Text;
        if (SnortLines.IsSeparator(first)) return TextDecodeResult.Skipped("Snort packet-log separator");
        var prefix = 0;
        if (!LooksLikePacket(first))
        {
            prefix = SnortLines.FilePrefixLength(first);
            if (prefix == 0 || !LooksLikePacket(first[prefix..])) return TextDecodeResult.NotMine;
        }

        var count = MeasureRecord(lines, prefix);
        _overflow.Record(lines, count);
        var tokens = new SnortTokenReader(lines, count, prefix, 0);
        tokens.TryRead(out var stamp);
        if (!SnortTimestamp.TryRead(stamp, context, out var time))
        {
            return TextDecodeResult.Malformed($"Snort packet: bad time stamp \"{stamp}\"", count);
        }

        observation.Time = time;
        observation.Set(ObservationFields.Time);
        observation.Verdict = SensorVerdict.Log;
        observation.Set(ObservationFields.Verdict);
        var problem = SnortPacketText.ReadPacket(ref tokens, ref observation, addressesOptional: false);
        return problem is null ? TextDecodeResult.Decoded(count) : TextDecodeResult.Malformed($"Snort packet: {problem}", count);
    }

    // "MM/DD-hh:mm:ss.ffffff src -> dst …" or "MM/DD-hh:mm:ss.ffffff MAC -> MAC …", and no alert marker (that is a fast alert).
    private static bool LooksLikePacket(ReadOnlySpan<char> content)
    {
        var scanner = new TextScanner(content);
        scanner.SkipSpaces();
        if (!SnortTimestamp.StartsWithTimestamp(scanner.Rest) || content.Contains(SnortLines.AlertMarker, StringComparison.Ordinal)) return false;
        scanner.TryReadToken(out _);
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var from)) return false;
        scanner.SkipSpaces();
        return (scanner.TryReadToken(out var arrow) && arrow.SequenceEqual(SnortPacketText.Arrow)) || SnortPacketText.TryParseMac(from, out _);
    }

    private static int MeasureRecord(TextLineReader lines, int prefix)
    {
        var name = prefix > 0 ? lines[0].Text[..(prefix - 1)] : default;
        var count = 1;
        for (; count < lines.Available; count++)
        {
            var content = SnortLines.WithoutPrefix(lines[count].Text, name);
            if (content.IsWhiteSpace() || SnortLines.IsAlertHeader(content) || SnortLines.IsSeparator(content)
                || SnortTimestamp.StartsWithTimestamp(content.TrimStart()) || !SnortLines.IsContinuation(content))
            {
                break;
            }
        }

        return count;
    }
}
