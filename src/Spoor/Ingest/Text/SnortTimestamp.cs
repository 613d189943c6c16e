using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Snort's packet time stamp as its <c>ts_print</c> writes it: <c>MM/DD-hh:mm:ss.ffffff</c>, or
/// <c>MM/DD/YY-hh:mm:ss.ffffff</c> when Snort ran with <c>-y</c> (<c>MM/DD/YYYY-…</c> in Suricata's fast.log,
/// which copies the format). Local time unless Snort ran with <c>-U</c>; the input's zone (<c>--tz</c>) says which.
/// </summary>
internal static class SnortTimestamp
{
    // Two-digit years as Snort writes them with -y (tm_year % 100): 70–99 are the 1900s, the rest the 2000s.
    private const int CenturyPivot = 70;

    /// <summary>Whether <paramref name="text"/> starts with a Snort time stamp's date and hour (syntax only: no date is built).</summary>
    public static bool StartsWithTimestamp(ReadOnlySpan<char> text)
    {
        // MM/DD-hh:, MM/DD/YY-hh: or MM/DD/YYYY-hh:
        if (text.Length < 9 || !IsDigits(text[..2]) || text[2] != '/' || !IsDigits(text[3..5])) return false;
        var at = 5;
        if (text[at] == '/')
        {
            var digits = 0;
            while (at + 1 + digits < text.Length && char.IsAsciiDigit(text[at + 1 + digits])) digits++;
            if (digits is not (2 or 4)) return false;
            at += 1 + digits;
        }

        return text[at] == '-' && text.Length >= at + 4 && IsDigits(text.Slice(at + 1, 2)) && text[at + 3] == ':';
    }

    /// <summary>Reads a whole token as a Snort time stamp and builds its time through the context (year inference, zone).</summary>
    public static bool TryRead(ReadOnlySpan<char> token, TextDecodeContext context, out Timestamp time)
    {
        time = default;
        var scanner = new TextScanner(token);
        if (!scanner.TryReadFixedInt(2, out var month) || !scanner.TryExpect('/') || !scanner.TryReadFixedInt(2, out var day)) return false;
        var year = 0;
        if (scanner.TryExpect('/'))
        {
            if (scanner.TryReadFixedInt(4, out var fourDigits)) year = fourDigits;
            else if (scanner.TryReadFixedInt(2, out var twoDigits)) year = twoDigits >= CenturyPivot ? 1900 + twoDigits : 2000 + twoDigits;
            else return false;
        }

        if (!scanner.TryExpect('-') || !scanner.TryReadClock(out var hour, out var minute, out var second, out var nanoseconds, out var digits)
            || !scanner.AtEnd)
        {
            return false;
        }

        // Check the calendar before asking the context, so a bad date does not move its year inference.
        if (month is < 1 or > 12 || day < 1 || day > 31) return false;
        return year != 0
            ? context.TryMakeTime(year, month, day, hour, minute, second, nanoseconds, digits, null, out time)
            : context.TryMakeTimeWithoutYear(month, day, hour, minute, second, nanoseconds, digits, out time);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }

        return true;
    }
}
