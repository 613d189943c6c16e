using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// What the formats of one text input share: the input's index, the user's options, and the inference of
/// what the lines leave out — the year of syslog and Snort timestamps (from <c>--year</c>, else the file's
/// modification time, rolling over at New Year), the zone (from <c>--tz</c>, UTC by default) and the date of
/// time-of-day-only lines. Every inference is stated once in the input's notes.
/// </summary>
public sealed class TextDecodeContext
{
    // A jump of more than this many months between consecutive records is a year boundary, not disorder.
    private const int RolloverMonths = 6;

    private readonly InputAccounting _accounting;
    private readonly DateTime? _fileTimeUtc;
    private int _year;
    private int _lastMonth;
    private DateOnly? _lastDate;
    private long _lastClockNanoseconds = -1;
    private int _clockDayOffset;

    public TextDecodeContext(InputAccounting accounting, IngestOptions options, DateTime? fileTimeUtc)
    {
        _accounting = accounting;
        Options = options;
        _fileTimeUtc = fileTimeUtc;
    }

    public int Input => _accounting.Input;

    public IngestOptions Options { get; }

    /// <summary>Builds a timestamp from a date without a year (syslog <c>Mmm dd</c>, Snort <c>MM/DD</c>) in the input's zone.</summary>
    public bool TryMakeTimeWithoutYear(int month, int day, int hour, int minute, int second, long nanoseconds, byte digits, out Timestamp time) =>
        TryMakeTimeWithoutYear(month, day, hour, minute, second, nanoseconds, digits, null, out time);

    /// <summary>
    /// Builds a timestamp from a date without a year whose zone the line states (a router's <c>Aug 4 10:17:53.949 EST</c>);
    /// a null <paramref name="offset"/> means the input's zone.
    /// </summary>
    public bool TryMakeTimeWithoutYear(int month, int day, int hour, int minute, int second, long nanoseconds, byte digits, TimeSpan? offset, out Timestamp time)
    {
        if (_year == 0)
        {
            if (Options.Year is { } year)
            {
                _year = year;
                Note($"year not in the log: {year}, from --year");
            }
            else if (_fileTimeUtc is { } fileTime)
            {
                // The file was last written at its end, so a first record later in the calendar than the
                // file's month belongs to the year before.
                _year = month > fileTime.Month ? fileTime.Year - 1 : fileTime.Year;
                Note($"year not in the log: {_year}, inferred from the file's modification time ({fileTime:yyyy-MM-dd}); use --year to set it");
            }
            else
            {
                _year = 1970;
                Note("year not in the log and no file time to infer it from (standard input): 1970 used; use --year to set it");
            }

            _lastMonth = month;
        }
        else if (month < _lastMonth - RolloverMonths)
        {
            _year++;
            Note($"timestamps roll over into {_year}");
        }
        else if (month > _lastMonth + RolloverMonths)
        {
            _year--;
        }

        _lastMonth = month;
        return TryMakeTime(_year, month, day, hour, minute, second, nanoseconds, digits, offset, out time);
    }

    /// <summary>Builds a timestamp from a full date; <paramref name="offset"/> is the zone the line states, if any.</summary>
    public bool TryMakeTime(int year, int month, int day, int hour, int minute, int second, long nanoseconds, byte digits, TimeSpan? offset, out Timestamp time)
    {
        time = default;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59 || second > 60
            || year is < 1 or > 9999)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified);
        DateTime utc;
        if (offset is { } stated)
        {
            utc = DateTime.SpecifyKind(local - stated, DateTimeKind.Utc);
        }
        else if (Options.Zone == TimeZoneInfo.Utc)
        {
            utc = DateTime.SpecifyKind(local, DateTimeKind.Utc);
        }
        else
        {
            utc = TimeZoneInfo.ConvertTimeToUtc(Options.Zone.IsInvalidTime(local) ? local.AddHours(1) : local, Options.Zone);
            Note($"local times read in zone {Options.Zone.Id} (--tz)");
        }

        _lastDate = DateOnly.FromDateTime(local);
        var seconds = (long)(utc - DateTime.UnixEpoch).TotalSeconds;
        time = new Timestamp(seconds * Timestamp.NanosecondsPerSecond + nanoseconds, digits);
        return true;
    }

    /// <summary>Builds a timestamp from a time of day alone (tcpdump text), on the date the options or the input give.</summary>
    public bool TryMakeTimeOfDay(int hour, int minute, int second, long nanoseconds, byte digits, out Timestamp time)
    {
        DateOnly date;
        if (Options.Date is { } given)
        {
            date = given;
        }
        else if (_lastDate is { } seen)
        {
            date = seen;
        }
        else
        {
            date = new DateOnly(1970, 1, 1);
            Note("lines carry a time of day only: dated 1970-01-01 (use --date to set the day)");
        }

        // Time of day going back by more than twelve hours is midnight passing.
        var clock = ((hour * 60L + minute) * 60 + second) * Timestamp.NanosecondsPerSecond + nanoseconds;
        if (_lastClockNanoseconds >= 0 && clock + 12 * 3600 * Timestamp.NanosecondsPerSecond < _lastClockNanoseconds)
        {
            _clockDayOffset++;
        }

        _lastClockNanoseconds = clock;
        var day = date.AddDays(_clockDayOffset);
        var saved = _lastDate;
        var ok = TryMakeTime(day.Year, day.Month, day.Day, hour, minute, second, nanoseconds, digits, null, out time);
        _lastDate = saved;
        return ok;
    }

    /// <summary>Records a fact about the input for its notes (each distinct note once).</summary>
    public void Note(string note) => _accounting.AddNote(note);
}
