namespace Spoor.Ingest.Text;

/// <summary>
/// What a line of Snort output is, before it is parsed: the start of an alert (<c>[**] … [**]</c>), a packet
/// time stamp, a separator, or one of the detail lines Snort writes under a packet's address line (the
/// protocol line, the TCP flags line, <c>Len:</c>, <c>Type:</c>, options, references). Also strips the file
/// name <c>grep</c> puts before each line (<c>SnortA7.txt:…</c>, or <c>SnortA7.txt-…</c> for context lines).
/// Syntax only: nothing here builds a time or touches the decode context.
/// </summary>
internal static class SnortLines
{
    public const string AlertMarker = "[**]";
    private const string SeparatorStart = "=+=+";

    // The words that start a Snort 1.x ICMP line (log.c's PrintICMPHeader writes the type's name, no numbers).
    private static readonly string[] IcmpLineWords =
    [
        "ECHO", "DESTINATION", "SOURCE", "REDIRECT", "TTL", "PARAMETER", "TIMESTAMP", "INFO", "ADDRESS",
    ];

    /// <summary>
    /// Length of a leading <c>name:</c> as <c>grep</c> prints it before lines of several files: a name without
    /// spaces, colons or brackets, then a colon. 0 when there is none; callers check that what follows parses.
    /// </summary>
    public static int FilePrefixLength(ReadOnlySpan<char> line)
    {
        var colon = line.IndexOf(':');
        if (colon <= 0) return 0;
        foreach (var c in line[..colon])
        {
            if (char.IsWhiteSpace(c) || c is '[' or ']' or '{' or '}') return 0;
        }

        return colon + 1;
    }

    /// <summary>The line without the file-name prefix of the record's first line (<c>name:</c> or grep's context form <c>name-</c>).</summary>
    public static ReadOnlySpan<char> WithoutPrefix(ReadOnlySpan<char> line, ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || line.Length <= name.Length || !line.StartsWith(name, StringComparison.Ordinal)) return line;
        return line[name.Length] is ':' or '-' ? line[(name.Length + 1)..] : line;
    }

    /// <summary>Whether the line opens a full alert: <c>[**]</c>, or an inline action such as <c>[Drop]</c> and then <c>[**]</c>.</summary>
    public static bool IsAlertHeader(ReadOnlySpan<char> content)
    {
        content = content.TrimStart();
        if (content.StartsWith(AlertMarker, StringComparison.Ordinal)) return true;
        return SkipAction(content, out var rest) && rest.StartsWith(AlertMarker, StringComparison.Ordinal);
    }

    /// <summary>Skips a leading inline-mode action in brackets (<c>[Drop] </c>, <c>[WDrop] </c>); false when there is none.</summary>
    public static bool SkipAction(ReadOnlySpan<char> content, out ReadOnlySpan<char> rest)
    {
        rest = content;
        if (content.Length < 3 || content[0] != '[') return false;
        var close = content.IndexOf(']');
        if (close < 2) return false;
        foreach (var c in content[1..close])
        {
            if (!char.IsAsciiLetter(c)) return false;
        }

        rest = content[(close + 1)..].TrimStart();
        return true;
    }

    /// <summary>Snort's packet-log separator, <c>=+=+=+…</c>.</summary>
    public static bool IsSeparator(ReadOnlySpan<char> content) => content.TrimStart().StartsWith(SeparatorStart, StringComparison.Ordinal);

    /// <summary>
    /// Whether the line continues the record above it: one of the lines Snort writes under a packet's time stamp,
    /// or a piece of one that an analyst's paste wrapped onto its own line.
    /// </summary>
    public static bool IsContinuation(ReadOnlySpan<char> content)
    {
        if (IsDetailLine(content)) return true;
        Tokens(content, out var first, out var second, out var third);
        if (first.IsEmpty || first.StartsWith(AlertMarker, StringComparison.Ordinal)) return false;

        // Snort 1.x ICMP line: "ECHO REPLY", "DESTINATION UNREACHABLE: PORT UNREACHABLE", "ID:1   Seq:2  ECHO".
        foreach (var word in IcmpLineWords)
        {
            if (first.SequenceEqual(word)) return true;
        }

        if (first.StartsWith("ID:", StringComparison.Ordinal) && content.Contains("Seq:", StringComparison.Ordinal)) return true;

        // Ethernet line wrapped after its arrow: "0:20:78:14:1F:7B type:0x800 len:0x3E".
        if (SnortPacketText.TryParseMac(first, out _)) return true;

        // Address line or a wrapped half of it: "1.2.3.4:53 -> MY.NET.1.1:53", "38.31.117.17:2443 ->",
        // "xxx.xxx.xxx.204:12345 TCP TTL:116 …".
        if (second.SequenceEqual("->")) return true;
        return IsProtocolWord(second) && third.StartsWith("TTL:", StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether the line is one only Snort writes under a packet: the protocol line (<c>TCP TTL:…</c>), the TCP
    /// flags line, <c>Len:</c>, <c>Type:</c>, options, fragment and quoted-datagram lines, classification and references.
    /// </summary>
    public static bool IsDetailLine(ReadOnlySpan<char> content)
    {
        Tokens(content, out var first, out var second, out _);
        if (first.IsEmpty) return false;
        if (StartsWithAny(first, "[Classification:", "[Priority:", "[Xref")) return true;
        if (StartsWithAny(first, "Len:", "Type:")) return true;
        if (second.StartsWith("TTL:", StringComparison.Ordinal) && IsProtocolWord(first)) return true;
        if (second.StartsWith("Seq:", StringComparison.Ordinal) && SnortTcpFlags.TryParse(first, out _)) return true;
        if ((first.SequenceEqual("TCP") || first.SequenceEqual("IP")) && second.SequenceEqual("Options")) return true;
        if (first.SequenceEqual("Frag") && second.StartsWith("Offset:", StringComparison.Ordinal)) return true;
        if (first.SequenceEqual("**") && (second.SequenceEqual("ORIGINAL") || second.SequenceEqual("END"))) return true;
        return first.SequenceEqual("ORIGINAL") && second.SequenceEqual("DATAGRAM");
    }

    /// <summary>A protocol name as Snort prints it on the protocol line: <c>TCP</c>, <c>UDP</c>, <c>IPV6-ICMP</c>, <c>PROTO:255</c>.</summary>
    public static bool IsProtocolWord(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty) return false;
        foreach (var c in token)
        {
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '-' or ':' or '_')) return false;
        }

        return true;
    }

    private static bool StartsWithAny(ReadOnlySpan<char> token, params ReadOnlySpan<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (token.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private static void Tokens(ReadOnlySpan<char> content, out ReadOnlySpan<char> first, out ReadOnlySpan<char> second, out ReadOnlySpan<char> third)
    {
        var scanner = new TextScanner(content);
        scanner.SkipSpaces();
        scanner.TryReadToken(out first);
        scanner.SkipSpaces();
        scanner.TryReadToken(out second);
        scanner.SkipSpaces();
        scanner.TryReadToken(out third);
    }
}
