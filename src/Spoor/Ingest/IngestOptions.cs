namespace Spoor.Ingest;

/// <summary>
/// What a user can tell the readers that the input does not say: the year of syslog-style timestamps, the
/// time zone of local-time logs, and the date of time-of-day-only lines (tcpdump text).
/// </summary>
public sealed record IngestOptions
{
    public static IngestOptions Default { get; } = new();

    /// <summary>Year for timestamps that lack one; null infers it from the file's modification time.</summary>
    public int? Year { get; init; }

    /// <summary>Zone of timestamps written in local time; UTC unless told.</summary>
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Date for lines that carry only a time of day; null uses the last date seen in the input, else 1970-01-01 with a note.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>How far apart two sensors' records of one packet may be; null uses <see cref="DuplicateMarker.DefaultWindow"/>.</summary>
    public TimeSpan? DuplicateWindow { get; init; }

    /// <summary>Parses <c>UTC</c>, an offset such as <c>+02:00</c> / <c>-0500</c>, or an IANA zone name such as <c>Europe/Berlin</c>.</summary>
    public static bool TryParseZone(string text, out TimeZoneInfo zone, out string? error)
    {
        error = null;
        zone = TimeZoneInfo.Utc;
        if (text.Equals("UTC", StringComparison.OrdinalIgnoreCase) || text == "Z") return true;
        if (text.Length >= 3 && text[0] is '+' or '-')
        {
            var digits = text[1..].Replace(":", string.Empty, StringComparison.Ordinal);
            if (digits.Length is 2 or 4 && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var hhmm))
            {
                var hours = digits.Length == 2 ? hhmm : hhmm / 100;
                var minutes = digits.Length == 2 ? 0 : hhmm % 100;
                var offset = new TimeSpan(hours, minutes, 0) * (text[0] == '-' ? -1 : 1);
                if (offset.Duration() <= TimeSpan.FromHours(14) && minutes < 60)
                {
                    zone = TimeZoneInfo.CreateCustomTimeZone($"UTC{text}", offset, $"UTC{text}", $"UTC{text}");
                    return true;
                }
            }
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(text);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = $"unknown time zone '{text}': use UTC, an offset such as +02:00, or a name such as Europe/Berlin";
            return false;
        }
    }
}
