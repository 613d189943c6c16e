namespace Spoor.Ingest.Text;

/// <summary>
/// The text of one tcpdump record put back together from the physical lines a mailer, a web page or tcpdump's
/// own <c>-v</c> layout split it over. Pieces are joined without a space where the break fell inside a token
/// (tcpdump never writes a space there: <c>10355429|20(0)</c>, <c>ack 204|8786269</c>, <c>819968060(|0)</c>) and
/// with one where it fell between tokens (<c>ack|3618313488</c>). The buffer is reused: no allocation per
/// record once it has grown to the longest record.
/// </summary>
internal sealed class TcpdumpRecordText
{
    private const int InitialCapacity = 512;

    // Keywords tcpdump follows with a value: a piece ending in one of them continues on the next line.
    private static readonly string[] ValueKeywords = ["ack", "win", "urg", "udp", "seq", "length", "id", "ttl", "tos", "for", "mss", "wscale", "timestamp", "icmp:"];

    // Words a wrapped piece of a tcpdump line can start with: tcpdump's own vocabulary (keywords, TCP option
    // names, ICMP wording, NBT decode words). Prose, markdown and other logs start otherwise.
    private static readonly string[] ContinuationWords =
    [
        "ack", "win", "urg", "udp", "tcp", "icmp:", "icmp", "NBT", "UDP", "UDP,", "PACKET", "QUERY;", "REQUEST;", "BROADCAST", "Flags", "seq", "length",
        "options", "cksum", "for", "id", "ttl", "tos", "len", "mss", "nop", "wscale", "sackOK", "sack", "timestamp", "eol", "TS", "val", "ecr",
        "echo", "request", "reply", "host", "net", "unreachable", "time", "exceeded", "in-transit", "port", "protocol", "redirect", "to",
        "source", "quench", "address", "mask", "parameter", "problem", "reassembly", "S", "F", "P", "R", "SF", "SFP", "FP", "PF", "RP",
    ];

    private char[] _buffer = new char[InitialCapacity];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Text => _buffer.AsSpan(0, Length);

    /// <summary>Starts a record with its first line.</summary>
    public void Start(ReadOnlySpan<char> line)
    {
        Length = 0;
        Append(line.Trim());
    }

    /// <summary>Adds a continuation line, with or without a space as the break demands.</summary>
    public void Continue(ReadOnlySpan<char> line)
    {
        var piece = line.Trim();
        if (piece.IsEmpty) return;
        if (Length > 0 && NeedsSpace(Text, piece)) Append(" ");
        Append(piece);
    }

    /// <summary>
    /// True when the text so far cannot be the whole record: it ends inside a bracket, a sequence range, after a
    /// keyword that takes a value, or right after the addresses or the TCP flags. Such a record continues even
    /// across blank lines.
    /// </summary>
    public bool IsIncomplete()
    {
        var text = Text.TrimEnd();
        if (text.IsEmpty) return false;
        var last = text[^1];
        if (last is ':' or '(' or '<' or '[' or ',' or '{') return true;
        if (Unclosed(text)) return true;

        var space = text.LastIndexOf(' ');
        var token = text[(space + 1)..];
        foreach (var keyword in ValueKeywords)
        {
            if (token.SequenceEqual(keyword)) return true;
        }

        // "a:b" without "(n)" is a sequence range cut before its length.
        var colon = token.IndexOf(':');
        if (colon > 0 && colon < token.Length - 1 && IsDigits(token[..colon]) && IsDigits(token[(colon + 1)..])) return true;

        // Flags alone after "src > dst:" — tcpdump always goes on with at least the window.
        if (space > 0 && TcpdumpLineParser.IsTcpFlagLetters(token))
        {
            var before = text[..space].TrimEnd();
            if (before.EndsWith(':')) return true;
        }

        // A verbose IP header ("IP (tos 0x0, ... length 60)") whose addresses are on the next line.
        return (text.StartsWith("IP (") || text.StartsWith("IP6 (") || text.Contains(": IP (", StringComparison.Ordinal))
            && last == ')' && !text.Contains(" > ", StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether <paramref name="line"/> carries on the record rather than being something else: an indented line
    /// of verbose (<c>IP (…)</c>) output, or a piece that starts the way a wrapped tcpdump fragment does (a digit,
    /// a bracket, <c>&gt;&gt;&gt;</c>, a word of tcpdump's vocabulary). After a blank line only an unfinished
    /// record continues.
    /// </summary>
    public static bool AcceptsContinuation(ReadOnlySpan<char> line, bool incomplete, bool verboseLayout, bool afterBlank)
    {
        var piece = line.Trim();
        if (piece.IsEmpty || StartsForeignRecord(piece)) return false;
        if (afterBlank && !incomplete) return false;
        if (verboseLayout && !afterBlank && char.IsWhiteSpace(line[0])) return true;
        var first = piece[0];
        if (char.IsAsciiDigit(first) || first is '(' or ')' or '<' or '>' or ',' or ':' or ']') return true;
        if (first == '[') return !piece.StartsWith("[**]");
        var end = piece.IndexOfAny(' ', ',', '[');
        var word = end < 0 ? piece : piece[..end];
        foreach (var keyword in ContinuationWords)
        {
            if (word.SequenceEqual(keyword)) return true;
        }

        return false;
    }

    /// <summary>A markdown code fence (<c>```</c>) inside a pasted trace: read like a blank line.</summary>
    public static bool IsFence(ReadOnlySpan<char> line)
    {
        var piece = line.Trim();
        return piece.Length >= 3 && piece.TrimStart('`').IsEmpty;
    }

    /// <summary>Lines that start a record of their own: a tcpdump time stamp, or the time stamps other logs begin with.</summary>
    public static bool StartsForeignRecord(ReadOnlySpan<char> piece)
    {
        var s = new TextScanner(piece);
        if (TcpdumpTime.TryRead(ref s, out _)) return true;
        if (piece.Length >= 8 && char.IsAsciiDigit(piece[0]) && char.IsAsciiDigit(piece[1]) && piece[2] == ':'
            && char.IsAsciiDigit(piece[3]) && char.IsAsciiDigit(piece[4]) && piece[5] == ':') return true;
        // ISO 8601 / RFC 3339 dates, Snort's MM/DD-hh:mm:ss and syslog's "Mmm dd hh:mm:ss".
        if (piece.Length >= 10 && char.IsAsciiDigit(piece[0]) && char.IsAsciiDigit(piece[3]) && piece[4] == '-' && piece[7] == '-'
            && char.IsAsciiDigit(piece[8]) && char.IsAsciiDigit(piece[9])) return true;
        if (piece.Length >= 6 && char.IsAsciiDigit(piece[0]) && char.IsAsciiDigit(piece[1]) && piece[2] == '/'
            && char.IsAsciiDigit(piece[3]) && char.IsAsciiDigit(piece[4]) && piece[5] == '-') return true;
        if (piece.Length >= 15 && TextScanner.MonthOf(piece[..3]) != 0 && piece[3] == ' ')
        {
            var clock = piece[4..].TrimStart();
            var space = clock.IndexOf(' ');
            if (space > 0 && clock.Length > space + 3 && clock[space + 3] == ':') return true;
        }

        return piece.StartsWith("[**]");
    }

    private static bool NeedsSpace(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        var l = left[^1];
        var r = right[0];
        if (char.IsWhiteSpace(l)) return false;

        // Inside an unclosed "<...>" (tcpdump 3 TCP options) commas and the closing bracket have no space around them.
        var inOptions = UnclosedAngle(left);
        if (inOptions && (l == ',' || r is ',' or '>')) return false;

        if (char.IsAsciiDigit(l) && char.IsAsciiDigit(r)) return false;                 // a number broken in two
        if (char.IsAsciiDigit(l) && r == '(' && right.Length > 1 && char.IsAsciiDigit(right[1])) return false; // "a:b" + "(n)"
        if (char.IsAsciiDigit(l) && r == ':') return false;                              // "a" + ":b(n)"
        if (l is '(' or '<' or '[' or '{') return false;                                 // tcpdump never writes a space after an opening bracket
        if (r is ')' or ']' or '}' or ',') return false;                                 // nor before a closing one or a comma
        if (l == ':' && char.IsAsciiDigit(r))
        {
            // "1035542920:" + "1035542920(0)": the colon of a sequence range, not the one after the addresses.
            var space = left.LastIndexOf(' ');
            if (IsDigits(left[(space + 1)..^1])) return false;
        }

        // A host name or address cut at a dot: "MY.NET.1." + "8.137".
        if (l == '.' && char.IsAsciiLetterOrDigit(r) && left.Length > 1 && left[^2] != ' ') return false;
        return true;
    }

    // The text ends inside a bracket when the last opening bracket of a kind has no closing one after it
    // ("... (ttl", "<mss 1460,sackOK,timestamp 2921939[|tcp]"). Mangled pairs earlier in the line ("[[tcp]")
    // do not count: only how the text ends matters.
    private static bool Unclosed(ReadOnlySpan<char> text)
    {
        var round = text.LastIndexOf('(');
        if (round >= 0 && text[round..].IndexOf(')') < 0) return true;
        var square = text.LastIndexOf('[');
        if (square >= 0 && text[square..].IndexOf(']') < 0) return true;
        return UnclosedAngle(text);
    }

    // '<' opens TCP options; '>' closes them unless it is the " > " between the addresses or NBT's ">>>".
    private static bool UnclosedAngle(ReadOnlySpan<char> text)
    {
        var open = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '<') open = true;
            else if (text[i] == '>' && open && i > 0 && text[i - 1] != ' ' && text[i - 1] != '>') open = false;
        }

        return open;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }

        return true;
    }

    private void Append(ReadOnlySpan<char> piece)
    {
        if (Length + piece.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + piece.Length));
        }

        piece.CopyTo(_buffer.AsSpan(Length));
        Length += piece.Length;
    }
}
