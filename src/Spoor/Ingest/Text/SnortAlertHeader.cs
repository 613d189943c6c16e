using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// The alert part Snort writes before a packet: an optional inline action (<c>[Drop]</c>), then
/// <c>[**] [gid:sid:rev] message [**]</c> (Snort 1.x has no ids: <c>[**] SYN-FIN scan! [**]</c>; with <c>-I</c>
/// the interface follows the ids as <c>&lt;eth0&gt;</c>). The message is the rule's <c>msg</c>, the sensor's own words.
/// </summary>
internal readonly ref struct SnortAlertHeader
{
    private SnortAlertHeader(ReadOnlySpan<char> message, int end, SensorVerdict verdict)
    {
        Message = message;
        End = end;
        Verdict = verdict;
    }

    /// <summary>The rule's message without ids and interface.</summary>
    public ReadOnlySpan<char> Message { get; }

    /// <summary>Offset just after the closing <c>[**]</c> in the text given to <see cref="TryRead"/>.</summary>
    public int End { get; }

    /// <summary><see cref="SensorVerdict.Drop"/> for an inline <c>[Drop]</c>, else <see cref="SensorVerdict.Alert"/>.</summary>
    public SensorVerdict Verdict { get; }

    /// <summary>
    /// Reads the header at the start of <paramref name="text"/> (after leading spaces). Returns false with no
    /// problem when the text does not start with one, and false with a problem when the closing marker is missing.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<char> text, out SnortAlertHeader header, out string? problem)
    {
        header = default;
        problem = null;
        var start = text.Length - text.TrimStart().Length;
        var rest = text[start..];
        var verdict = SensorVerdict.Alert;
        if (SnortLines.SkipAction(rest, out var afterAction) && afterAction.StartsWith(SnortLines.AlertMarker, StringComparison.Ordinal))
        {
            // Inline sensors print [Drop] for a packet they dropped; [wDrop] ("would drop", Suricata's fast.log,
            // which copies Snort's format) marks one that was let through, so it stays an alert.
            var action = rest[1..rest.IndexOf(']')];
            if (action.Equals("Drop", StringComparison.OrdinalIgnoreCase)) verdict = SensorVerdict.Drop;

            start += rest.Length - afterAction.Length;
            rest = afterAction;
        }

        if (!rest.StartsWith(SnortLines.AlertMarker, StringComparison.Ordinal)) return false;
        var body = rest[SnortLines.AlertMarker.Length..];
        var close = body.IndexOf(SnortLines.AlertMarker, StringComparison.Ordinal);
        if (close < 0)
        {
            problem = "Snort alert header has no closing [**]";
            return false;
        }

        var message = SkipIdsAndInterface(body[..close].Trim());
        if (message.IsEmpty)
        {
            problem = "Snort alert header has no message between its [**] markers";
            return false;
        }

        header = new SnortAlertHeader(message, start + SnortLines.AlertMarker.Length + close + SnortLines.AlertMarker.Length, verdict);
        return true;
    }

    // "[1:469:1] <eth0> ICMP PING NMAP" → "ICMP PING NMAP"
    private static ReadOnlySpan<char> SkipIdsAndInterface(ReadOnlySpan<char> message)
    {
        if (message.StartsWith('['))
        {
            var close = message.IndexOf(']');
            if (close > 0 && IsIds(message[1..close])) message = message[(close + 1)..].TrimStart();
        }

        if (message.StartsWith('<'))
        {
            var close = message.IndexOf('>');
            if (close > 0 && !message[1..close].ContainsAny(' ', '\t')) message = message[(close + 1)..].TrimStart();
        }

        return message;
    }

    private static bool IsIds(ReadOnlySpan<char> ids)
    {
        if (ids.IsEmpty) return false;
        foreach (var c in ids)
        {
            if (!char.IsAsciiDigit(c) && c != ':') return false;
        }

        return true;
    }
}
