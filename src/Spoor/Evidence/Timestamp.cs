using System.Globalization;

namespace Spoor.Evidence;

/// <summary>
/// A point in time as nanoseconds since the Unix epoch (UTC), with the number of fraction digits the
/// source could resolve, so output never claims more precision than the evidence had.
/// </summary>
public readonly record struct Timestamp(long UnixNanoseconds, byte FractionDigits)
{
    public const long NanosecondsPerSecond = 1_000_000_000L;

    public static Timestamp FromUnixMicroseconds(long seconds, long microseconds) =>
        new(seconds * NanosecondsPerSecond + microseconds * 1000L, 6);

    public static Timestamp FromUnixNanoseconds(long seconds, long nanoseconds) =>
        new(seconds * NanosecondsPerSecond + nanoseconds, 9);

    public long UnixSeconds => Math.DivRem(UnixNanoseconds, NanosecondsPerSecond, out var rem) - (rem < 0 ? 1 : 0);

    public int NanosecondOfSecond
    {
        get
        {
            var rem = UnixNanoseconds % NanosecondsPerSecond;
            return (int)(rem < 0 ? rem + NanosecondsPerSecond : rem);
        }
    }

    /// <summary>Writes ISO 8601 UTC, e.g. <c>2000-03-18T02:25:46.587048Z</c>, into <paramref name="destination"/>.</summary>
    public bool TryFormatIso(Span<char> destination, out int written)
    {
        written = 0;
        var date = DateTime.UnixEpoch.AddSeconds(UnixSeconds);
        if (!date.TryFormat(destination, out var n, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture))
        {
            return false;
        }

        var digits = Math.Min((int)FractionDigits, 9);
        if (digits > 0)
        {
            if (destination.Length < n + 1 + digits + 1)
            {
                return false;
            }

            destination[n++] = '.';
            var fraction = NanosecondOfSecond;
            for (var i = 9; i > digits; i--)
            {
                fraction /= 10;
            }

            for (var i = digits - 1; i >= 0; i--)
            {
                destination[n + i] = (char)('0' + fraction % 10);
                fraction /= 10;
            }

            n += digits;
        }

        if (destination.Length < n + 1)
        {
            return false;
        }

        destination[n++] = 'Z';
        written = n;
        return true;
    }

    public string ToIsoString()
    {
        Span<char> buffer = stackalloc char[40];
        return TryFormatIso(buffer, out var n) ? new string(buffer[..n]) : string.Empty;
    }

    public override string ToString() => ToIsoString();
}
