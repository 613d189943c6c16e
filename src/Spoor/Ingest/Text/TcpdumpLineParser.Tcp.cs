using Spoor.Evidence;

namespace Spoor.Ingest.Text;

internal static partial class TcpdumpLineParser
{
    private const byte OptionEnd = 0;
    private const byte OptionNoOperation = 1;
    private const byte OptionMss = 2;
    private const byte OptionWindowScale = 3;
    private const byte OptionSackPermitted = 4;
    private const byte OptionSack = 5;
    private const byte OptionEcho = 6;
    private const byte OptionEchoReply = 7;
    private const byte OptionTimestamps = 8;
    private const byte OptionCc = 11;
    private const byte OptionCcNew = 12;
    private const byte OptionCcEcho = 13;
    private const byte OptionMd5 = 19;
    private const byte OptionMultipath = 30;
    private const byte OptionFastOpen = 34;

    /// <summary>tcpdump 3.x flag letters (<c>S F P R</c>, <c>U</c>, 3.7's <c>W</c> and <c>E</c>) or <c>.</c> for none of them.</summary>
    public static bool IsTcpFlagLetters(ReadOnlySpan<char> token)
    {
        if (token.SequenceEqual(".")) return true;
        if (token.IsEmpty) return false;
        foreach (var c in token)
        {
            if (c is not ('S' or 'F' or 'P' or 'R' or 'U' or 'W' or 'E')) return false;
        }

        return true;
    }

    // "[|tcp]" is tcpdump's mark for a header cut by the snap length; published traces also show it mangled.
    private static bool IsTcpTruncationMarker(ReadOnlySpan<char> token) =>
        token.StartsWith("[") && token.EndsWith("tcp]") && token.Length <= 8;

    // tcpdump 3.x print-tcp.c: "S 434904503:434904503(0) ack 1 win 16384 urg 0 <mss 1460,nop,nop,sackOK>".
    // ACK and URG have no letter: tcpdump prints "ack N" and "urg N" exactly when they are set. The sequence range
    // is printed when there is data or SYN/FIN/RST, so a complete line without one carried no data.
    private static void ReadClassicTcp(ReadOnlySpan<char> rest, bool complete, ref Observation o, ref TcpdumpLineFacts facts, ref TcpdumpIpTrailer trailer)
    {
        var s = new TextScanner(rest);
        var flags = TcpFlags.None;
        var letters = false;
        var dot = false;
        var sawRange = false;
        s.TryReadToken(out var first);
        if (first.SequenceEqual(".")) dot = true;
        else if (IsTcpFlagLetters(first))
        {
            letters = true;
            foreach (var c in first) flags |= LetterFlag(c, classic: true);
        }
        else if (IsTcpTruncationMarker(first))
        {
            facts.TransportTruncated = true;
        }

        while (true)
        {
            s.SkipSpaces();
            if (s.AtEnd) break;
            var rest0 = s.Rest;
            if (rest0[0] == '.' && (rest0.Length == 1 || rest0[1] == ' '))
            {
                // A second flags token ("S . ack 1"): tcpdump prints '.' only when no letter applies.
                dot = true;
                s.Position++;
                continue;
            }

            if (rest0[0] == '<')
            {
                var close = rest0.IndexOf('>');
                ReadOptionList(close < 0 ? rest0[1..] : rest0[1..close], ref o);
                s.Position += close < 0 ? rest0.Length : close + 1;
                continue;
            }

            if (TcpdumpIpTrailer.TryRead(ref s, out var item))
            {
                trailer.Add(item);
                continue;
            }

            if (rest0[0] == '[')
            {
                var close = rest0.IndexOf(']');
                var word = close < 0 ? rest0[1..] : rest0[1..close];
                if (word.SequenceEqual("ECN-Echo")) flags |= TcpFlags.Ece;
                else if (word.SequenceEqual("CWR")) flags |= TcpFlags.Cwr;
                else if (word.EndsWith("tcp")) facts.TransportTruncated = true;
                s.Position += close < 0 ? rest0.Length : close + 1;
                continue;
            }

            if (char.IsAsciiDigit(rest0[0]))
            {
                // "seq:end(length)"; the end is seq + length and adds nothing.
                if (TryReadUInt(ref s, out var seq))
                {
                    o.Sequence = seq;
                    o.Set(ObservationFields.Sequence);
                    sawRange = true;
                    if (s.TryExpect(':') && TryReadUInt(ref s, out _) && s.TryExpect('(') && s.TryReadInt(out var length) && s.TryExpect(')'))
                    {
                        o.PayloadLength = (int)Math.Min(length, int.MaxValue);
                        o.Set(ObservationFields.PayloadLength);
                    }
                }

                SkipToken(ref s);
                continue;
            }

            if (rest0.SequenceEqual("ack") || rest0.SequenceEqual("urg"))
            {
                // Cut after the keyword: the flag is stated, its number is not.
                flags |= rest0[0] == 'a' ? TcpFlags.Ack : TcpFlags.Urg;
                break;
            }

            if (s.TryExpect("ack "))
            {
                flags |= TcpFlags.Ack;
                if (TryReadUInt(ref s, out var ack))
                {
                    o.Acknowledgement = ack;
                    o.Set(ObservationFields.Acknowledgement);
                }

                continue;
            }

            if (s.TryExpect("win "))
            {
                if (s.TryReadInt(out var window) && window <= ushort.MaxValue)
                {
                    o.Window = (ushort)window;
                    o.Set(ObservationFields.Window);
                }

                continue;
            }

            if (s.TryExpect("urg "))
            {
                flags |= TcpFlags.Urg;
                if (s.TryReadInt(out var urgent) && urgent <= ushort.MaxValue)
                {
                    o.UrgentPointer = (ushort)urgent;
                    o.Set(ObservationFields.UrgentPointer);
                }

                continue;
            }

            SkipToken(ref s);
        }

        if (letters && dot)
        {
            facts.FlagsUnreadable = true;
            return;
        }

        if (letters || dot)
        {
            o.TcpFlags = flags;
            o.Set(ObservationFields.TcpFlags);
            if (!sawRange && complete && !facts.TransportTruncated && !o.Has(ObservationFields.PayloadLength))
            {
                o.PayloadLength = 0;
                o.Set(ObservationFields.PayloadLength);
            }
        }
    }

    // tcpdump 4.x: "Flags [S.], cksum 0x1c46 (correct), seq 1:10, ack 1, win 512, urg 0, options [mss 1460], length 9".
    private static void ReadModernTcp(ReadOnlySpan<char> rest, ref Observation o, ref TcpdumpLineFacts facts)
    {
        var s = new TextScanner(rest);
        s.SkipSpaces();
        if (s.TryExpect('[') && s.TryReadUntil(']', out var letters))
        {
            s.TryExpect(']');
            var flags = TcpFlags.None;
            if (!letters.SequenceEqual("none"))
            {
                foreach (var c in letters) flags |= LetterFlag(c, classic: false);
            }

            o.TcpFlags = flags;
            o.Set(ObservationFields.TcpFlags);
        }

        while (true)
        {
            while (!s.AtEnd && (s.Peek == ',' || s.Peek == ' ')) s.Position++;
            if (s.AtEnd) break;
            if (s.TryExpect("seq "))
            {
                if (TryReadUInt(ref s, out var seq))
                {
                    o.Sequence = seq;
                    o.Set(ObservationFields.Sequence);
                    if (s.TryExpect(':')) TryReadUInt(ref s, out _);
                }
            }
            else if (s.TryExpect("ack "))
            {
                if (TryReadUInt(ref s, out var ack))
                {
                    o.Acknowledgement = ack;
                    o.Set(ObservationFields.Acknowledgement);
                }
            }
            else if (s.TryExpect("win "))
            {
                if (s.TryReadInt(out var window) && window <= ushort.MaxValue)
                {
                    o.Window = (ushort)window;
                    o.Set(ObservationFields.Window);
                }
            }
            else if (s.TryExpect("urg "))
            {
                if (s.TryReadInt(out var urgent) && urgent <= ushort.MaxValue)
                {
                    o.UrgentPointer = (ushort)urgent;
                    o.Set(ObservationFields.UrgentPointer);
                }
            }
            else if (s.TryExpect("options "))
            {
                var list = s.Rest;
                var close = list.IsEmpty || list[0] != '[' ? -1 : MatchingClose(list, 0);
                ReadOptionList(close < 0 ? list.TrimStart('[') : list[1..close], ref o);
                s.Position += close < 0 ? list.Length : close + 1;
            }
            else if (s.TryExpect("length "))
            {
                if (s.TryReadInt(out var length) && length <= int.MaxValue)
                {
                    o.PayloadLength = (int)length;
                    o.Set(ObservationFields.PayloadLength);
                }

                // What follows "length N" is the application's decode ("HTTP: GET / HTTP/1.1").
                break;
            }
            else if (s.Rest.StartsWith("[|tcp]"))
            {
                facts.TransportTruncated = true;
                SkipToken(ref s);
            }
            else
            {
                // "cksum 0x1234 (correct)" and anything else: up to the next ", ".
                var next = s.Rest.IndexOf(", ", StringComparison.Ordinal);
                s.Position += next < 0 ? s.Rest.Length : next;
            }
        }
    }

    private static TcpFlags LetterFlag(char c, bool classic) => c switch
    {
        'S' => TcpFlags.Syn,
        'F' => TcpFlags.Fin,
        'P' => TcpFlags.Psh,
        'R' => TcpFlags.Rst,
        'U' => TcpFlags.Urg,
        'W' => TcpFlags.Cwr,
        'E' => TcpFlags.Ece,
        '.' when !classic => TcpFlags.Ack,
        'e' when !classic => TcpFlags.Ae,
        _ => TcpFlags.None,
    };

    /// <summary>
    /// TCP options as tcpdump lists them, comma-separated: <c>mss 1460,nop,wscale 0,sackOK,timestamp 1 0,eol</c>
    /// (3.x) or <c>mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7</c> (4.x). A bracket (<c>timestamp 2921939[|tcp]</c>)
    /// marks where the captured header ended: the option before it is listed, its values only if all were printed.
    /// An option word tcpdump has no kind for ends the list, since the kinds after it cannot be placed.
    /// </summary>
    private static void ReadOptionList(ReadOnlySpan<char> list, ref Observation o)
    {
        if (list.Trim().IsEmpty) return;
        o.Set(ObservationFields.TcpOptions);
        ushort mss = o.TcpOptions.Mss;
        byte windowScale = o.TcpOptions.WindowScale;
        uint timestampValue = 0, timestampEcho = 0;
        foreach (var range in list.Split(','))
        {
            var item = list[range];
            var cut = item.IndexOf('[');
            var truncated = cut >= 0;
            if (truncated) item = item[..cut];
            item = item.Trim();
            if (item.IsEmpty)
            {
                if (truncated) break;
                continue;
            }

            var space = item.IndexOf(' ');
            var name = space < 0 ? item : item[..space];
            var values = space < 0 ? ReadOnlySpan<char>.Empty : item[(space + 1)..].Trim();
            var kind = OptionKind(name);
            if (kind < 0) break;
            o.TcpOptionList.Add((byte)kind);
            switch (kind)
            {
                case OptionMss when TryUInt(values, out var m) && m <= ushort.MaxValue:
                    mss = (ushort)m;
                    o.Set(ObservationFields.Mss);
                    break;
                case OptionWindowScale when TryUInt(values, out var w) && w <= byte.MaxValue:
                    windowScale = (byte)w;
                    o.Set(ObservationFields.WindowScale);
                    break;
                case OptionSackPermitted:
                    o.Set(ObservationFields.SackPermitted);
                    break;
                case OptionTimestamps when !truncated && TryReadTimestamps(values, out timestampValue, out timestampEcho):
                    o.Set(ObservationFields.Timestamps);
                    break;
            }

            if (truncated) break;
        }

        o.TcpOptions = new TcpOptionValues(mss, windowScale, timestampValue, timestampEcho);
    }

    // "1061109567 0" (3.x "timestamp A B") or "val 1 ecr 0" (4.x "TS val A ecr B").
    private static bool TryReadTimestamps(ReadOnlySpan<char> values, out uint value, out uint echo)
    {
        value = echo = 0;
        var s = new TextScanner(values);
        s.TryExpect("val ");
        if (!TryReadUInt(ref s, out value)) return false;
        s.SkipSpaces();
        s.TryExpect("ecr ");
        return TryReadUInt(ref s, out echo) && s.AtEnd;
    }

    private static int OptionKind(ReadOnlySpan<char> name)
    {
        switch (name)
        {
            case "eol": return OptionEnd;
            case "nop": return OptionNoOperation;
            case "mss": return OptionMss;
            case "wscale": return OptionWindowScale;
            case "sackOK": return OptionSackPermitted;
            case "sack": return OptionSack;
            case "echo": return OptionEcho;
            case "echoreply": return OptionEchoReply;
            case "timestamp" or "TS": return OptionTimestamps;
            case "cc": return OptionCc;
            case "ccnew": return OptionCcNew;
            case "ccecho": return OptionCcEcho;
            case "md5": return OptionMd5;
            case "mptcp": return OptionMultipath;
            case "tfo": return OptionFastOpen;
        }

        // 3.x "opt-N:" and 4.x "unknown-N" name the kind by number.
        var number = name.StartsWith("opt-") ? name[4..].TrimEnd(':') : name.StartsWith("unknown-") ? name[8..] : default;
        return !number.IsEmpty && byte.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var kind) ? kind : -1;
    }
}
