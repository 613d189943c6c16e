using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// tcpdump's text output (tcpdump.org; the line formats of 3.x and 4.x, see <see cref="TcpdumpLineParser"/>),
/// as analysts paste it: a time stamp (<c>15:09:34.402695</c>, <c>-tttt</c> date and time, <c>-tt</c> seconds),
/// optionally the <c>-e</c> link layer, the packet, and on the following lines what belongs to it — the
/// addresses of a <c>-v</c> header, NBT decode lines (<c>&gt;&gt;&gt; NBT UDP PACKET(137)…</c>), <c>-x</c>/<c>-X</c>
/// hex dumps, and pieces of the record a mailer or a web page wrapped onto the next line (even in the middle
/// of a number). A record is its first line plus every following line that does not start a record of its own
/// and reads as part of it; blank lines are crossed only while the record is unfinished or inside a hex dump.
/// Hex dumps are decoded by Spoor's packet decoder and override the text wherever their bytes are known.
/// tcpdump's relative TCP sequence numbers are made raw (<see cref="TcpdumpSequenceTable"/>). Banner and
/// summary lines are skipped; a tcpdump line that cannot be read is a malformed record with the reason.
/// </summary>
public sealed class TcpdumpFormat : ITextFormat
{
    private readonly TcpdumpRecordText _record = new();
    private readonly TcpdumpHexDump _hex = new();
    private readonly TcpdumpSequenceTable _sequences = new();

    // The previous record ended inside a hex dump at the edge of the lookahead: its remaining dump lines follow.
    private bool _hexOpen;
    private long _tableResetsNoted;

    public string Name => "tcpdump-text";

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        var first = lines[0].Text;
        if (!TcpdumpLineParser.LooksLikePacket(first))
        {
            var wasHexOpen = _hexOpen;
            _hexOpen = false;
            if (wasHexOpen && TcpdumpHexDump.IsHexLine(first, continuing: true))
            {
                _hexOpen = true;
                return TextDecodeResult.Skipped("hex dump line beyond the lines read with its packet (headers come from the first lines)");
            }

            if (TcpdumpLineParser.IsNonIpPacket(first)) return TextDecodeResult.Skipped("tcpdump line for a protocol without an IP or ARP header");
            return IsBannerOrSummary(first) ? TextDecodeResult.Skipped("tcpdump banner or summary line") : TextDecodeResult.NotMine;
        }

        _hexOpen = false;
        _record.Start(first);
        _hex.Reset();
        var used = 1;
        var inHex = false;
        var pendingBlank = false;
        var verboseLayout = IsVerboseLayout(first);
        var available = lines.Available;
        for (var i = 1; i < available; i++)
        {
            var line = lines[i].Text;
            if (lines[i].IsBlank || TcpdumpRecordText.IsFence(line))
            {
                pendingBlank = true;
                continue;
            }

            if (TcpdumpRecordText.StartsForeignRecord(line.TrimStart())) break;
            var incomplete = _record.IsIncomplete();
            if (!incomplete && TcpdumpHexDump.IsHexLine(line, inHex))
            {
                // A blank line inside a dump is a paste artefact; one between the text and a dump is not crossed.
                if (pendingBlank && !inHex) break;
                _hex.AddLine(line);
                inHex = true;
                pendingBlank = false;
                used = i + 1;
                continue;
            }

            if (inHex || !TcpdumpRecordText.AcceptsContinuation(line, incomplete, verboseLayout, pendingBlank)) break;
            _record.Continue(line);
            pendingBlank = false;
            used = i + 1;
        }

        _hexOpen = inHex && used == available && available == TextLineReader.Lookahead;
        var facts = default(TcpdumpLineFacts);
        var result = TcpdumpLineParser.Parse(_record.Text, !_record.IsIncomplete(), context, ref observation, ref facts);
        if (result.Status == TextDecodeStatus.NotMine) return TextDecodeResult.Malformed("tcpdump line: not readable", used);
        if (result.Status != TextDecodeStatus.Observation) return result with { Lines = used };

        var raw = _hex.ApplyTo(ref observation);
        if (facts.FlagsUnreadable)
        {
            context.Note("tcpdump: some lines print TCP flag letters together with '.', which tcpdump never does: their flags, sequence and acknowledgement numbers are left out");
        }

        // Unreadable text flags leave SYN unknown, unless a hex dump supplied the flags.
        _sequences.Resolve(ref observation, raw, synKnown: !facts.FlagsUnreadable || observation.Has(ObservationFields.TcpFlags));
        if (_sequences.Resets != _tableResetsNoted)
        {
            _tableResetsNoted = _sequences.Resets;
            context.Note($"tcpdump: more than {TcpdumpSequenceTable.MaxConversations} TCP conversations; relative sequence numbers of older ones could not be made raw");
        }

        return TextDecodeResult.Decoded(used);
    }

    // tcpdump 3.9+/4.x -v: "IP (tos …)" or "IP6 (…)" with the addresses and decodes on indented lines below.
    private static bool IsVerboseLayout(ReadOnlySpan<char> first) =>
        first.Contains(" IP (", StringComparison.Ordinal) || first.Contains(" IP6 (", StringComparison.Ordinal)
        || first.Contains(", length ", StringComparison.Ordinal);

    private static bool IsBannerOrSummary(ReadOnlySpan<char> line)
    {
        var text = line.Trim();
        if (text.StartsWith("tcpdump: ") || text.StartsWith("reading from file ") || text.StartsWith("listening on ")) return true;
        var space = text.IndexOf(' ');
        if (space <= 0) return false;
        foreach (var c in text[..space])
        {
            if (!char.IsAsciiDigit(c)) return false;
        }

        var rest = text[(space + 1)..];
        return rest.SequenceEqual("packets captured") || rest.SequenceEqual("packet captured") || rest.SequenceEqual("packets received by filter")
            || rest.SequenceEqual("packet received by filter") || rest.SequenceEqual("packets dropped by kernel") || rest.SequenceEqual("packet dropped by kernel")
            || rest.StartsWith("packets dropped by interface");
    }
}
