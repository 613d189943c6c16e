using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// The time stamp that starts a tcpdump line, in the three forms tcpdump writes: time of day
/// (<c>15:09:34.402695</c>, the default), date and time (<c>2000-03-18 02:25:46.587048</c>, <c>-tttt</c>) and
/// Unix seconds (<c>953346346.587048</c>, <c>-tt</c>). Reading it has no side effects, so a line can be tested
/// for being a tcpdump record start before the input's date inference is touched.
/// </summary>
internal readonly record struct TcpdumpTime(TcpdumpTimeKind Kind, int Year, int Month, int Day, int Hour, int Minute, int Second,
    long Nanoseconds, byte Digits, long EpochSeconds)
{
    // -tt prints seconds since 1970 with at least 9 digits from September 2001 on; older traces have fewer, so only
    // a plausible length is asked for, and the microsecond fraction tells it from an address or a number.
    private const int MinimumEpochDigits = 8;
    private const int MaximumEpochDigits = 10;

    // The last second a Timestamp (nanoseconds in a long) can hold, in 2262.
    private const long MaximumEpochSeconds = long.MaxValue / Timestamp.NanosecondsPerSecond - 1;

    /// <summary>Reads a time stamp at the scanner's position, followed by a space; the position is unchanged on failure.</summary>
    public static bool TryRead(ref TextScanner s, out TcpdumpTime time)
    {
        var start = s.Position;
        time = default;
        if (TryReadDateTime(ref s, out time) || TryReadClock(ref s, out time) || TryReadEpoch(ref s, out time))
        {
            if (s.Peek is ' ' or '\t') return true;
        }

        s.Position = start;
        time = default;
        return false;
    }

    /// <summary>Makes the timestamp, using the input's date inference for time-of-day stamps.</summary>
    public bool TryMake(TextDecodeContext context, out Timestamp timestamp) => Kind switch
    {
        TcpdumpTimeKind.TimeOfDay => context.TryMakeTimeOfDay(Hour, Minute, Second, Nanoseconds, Digits, out timestamp),
        TcpdumpTimeKind.DateAndTime => context.TryMakeTime(Year, Month, Day, Hour, Minute, Second, Nanoseconds, Digits, null, out timestamp),
        _ => MakeEpoch(out timestamp),
    };

    private bool MakeEpoch(out Timestamp timestamp)
    {
        timestamp = new Timestamp(EpochSeconds * Timestamp.NanosecondsPerSecond + Nanoseconds, Digits);
        return true;
    }

    private static bool TryReadDateTime(ref TextScanner s, out TcpdumpTime time)
    {
        var start = s.Position;
        time = default;
        if (!s.TryReadFixedInt(4, out var year) || !s.TryExpect('-') || !s.TryReadFixedInt(2, out var month) || !s.TryExpect('-')
            || !s.TryReadFixedInt(2, out var day) || !s.TryExpect(' ')
            || !s.TryReadClock(out var hour, out var minute, out var second, out var nanoseconds, out var digits))
        {
            s.Position = start;
            return false;
        }

        time = new TcpdumpTime(TcpdumpTimeKind.DateAndTime, year, month, day, hour, minute, second, nanoseconds, digits, 0);
        return true;
    }

    private static bool TryReadClock(ref TextScanner s, out TcpdumpTime time)
    {
        time = default;
        if (!s.TryReadClock(out var hour, out var minute, out var second, out var nanoseconds, out var digits)) return false;
        time = new TcpdumpTime(TcpdumpTimeKind.TimeOfDay, 0, 0, 0, hour, minute, second, nanoseconds, digits, 0);
        return true;
    }

    private static bool TryReadEpoch(ref TextScanner s, out TcpdumpTime time)
    {
        var start = s.Position;
        time = default;
        var digitsBefore = 0;
        var rest = s.Rest;
        while (digitsBefore < rest.Length && char.IsAsciiDigit(rest[digitsBefore])) digitsBefore++;
        if (digitsBefore is < MinimumEpochDigits or > MaximumEpochDigits || !s.TryReadInt(out var seconds) || seconds > MaximumEpochSeconds || !s.TryExpect('.')
            || !s.TryReadFraction(out var nanoseconds, out var digits))
        {
            s.Position = start;
            return false;
        }

        time = new TcpdumpTime(TcpdumpTimeKind.UnixSeconds, 0, 0, 0, 0, 0, 0, nanoseconds, digits, seconds);
        return true;
    }
}
