using System.Globalization;
using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// A cursor over one line for hand-written, allocation-free parsing: tokens, numbers (decimal and hex),
/// expected literals and host identities. Every <c>Try</c> method leaves the position unchanged on failure.
/// </summary>
public ref struct TextScanner(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;

    public int Position { get; set; }

    public readonly bool AtEnd => Position >= _text.Length;

    public readonly ReadOnlySpan<char> Rest => _text[Math.Min(Position, _text.Length)..];

    public readonly char Peek => Position < _text.Length ? _text[Position] : '\0';

    public void SkipSpaces()
    {
        while (Position < _text.Length && char.IsWhiteSpace(_text[Position])) Position++;
    }

    /// <summary>Consumes <paramref name="literal"/> if the text continues with it (ordinal).</summary>
    public bool TryExpect(ReadOnlySpan<char> literal)
    {
        if (!Rest.StartsWith(literal, StringComparison.Ordinal)) return false;
        Position += literal.Length;
        return true;
    }

    public bool TryExpect(char c)
    {
        if (Peek != c || AtEnd) return false;
        Position++;
        return true;
    }

    /// <summary>Reads up to the next whitespace (or the end); false when empty.</summary>
    public bool TryReadToken(out ReadOnlySpan<char> token)
    {
        var rest = Rest;
        var end = rest.IndexOfAny(' ', '\t');
        token = end < 0 ? rest : rest[..end];
        if (token.IsEmpty) return false;
        Position += token.Length;
        return true;
    }

    /// <summary>Reads up to (not including) <paramref name="stop"/>; false when <paramref name="stop"/> does not occur.</summary>
    public bool TryReadUntil(char stop, out ReadOnlySpan<char> value)
    {
        var rest = Rest;
        var end = rest.IndexOf(stop);
        if (end < 0)
        {
            value = default;
            return false;
        }

        value = rest[..end];
        Position += end;
        return true;
    }

    /// <summary>Reads a run of decimal digits as a non-negative number.</summary>
    public bool TryReadInt(out long value)
    {
        var rest = Rest;
        var n = 0;
        while (n < rest.Length && char.IsAsciiDigit(rest[n])) n++;
        if (n == 0 || n > 18)
        {
            value = 0;
            return false;
        }

        value = long.Parse(rest[..n], NumberStyles.None, CultureInfo.InvariantCulture);
        Position += n;
        return true;
    }

    /// <summary>Reads exactly <paramref name="digits"/> decimal digits.</summary>
    public bool TryReadFixedInt(int digits, out int value)
    {
        value = 0;
        var rest = Rest;
        if (rest.Length < digits) return false;
        for (var i = 0; i < digits; i++)
        {
            if (!char.IsAsciiDigit(rest[i])) return false;
            value = value * 10 + (rest[i] - '0');
        }

        Position += digits;
        return true;
    }

    /// <summary>Reads a hex number with or without a <c>0x</c> prefix.</summary>
    public bool TryReadHex(out ulong value)
    {
        var start = Position;
        if (Rest.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) Position += 2;
        var rest = Rest;
        var n = 0;
        while (n < rest.Length && char.IsAsciiHexDigit(rest[n])) n++;
        if (n == 0 || n > 16)
        {
            Position = start;
            value = 0;
            return false;
        }

        value = ulong.Parse(rest[..n], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        Position += n;
        return true;
    }

    /// <summary>Reads a fraction of a second after the decimal point: nanoseconds and how many digits were written.</summary>
    public bool TryReadFraction(out long nanoseconds, out byte digits)
    {
        nanoseconds = 0;
        digits = 0;
        var rest = Rest;
        var n = 0;
        while (n < rest.Length && char.IsAsciiDigit(rest[n])) n++;
        if (n == 0) return false;
        for (var i = 0; i < 9; i++)
        {
            nanoseconds = nanoseconds * 10 + (i < n ? rest[i] - '0' : 0);
        }

        digits = (byte)Math.Min(n, 9);
        Position += n;
        return true;
    }

    /// <summary>Reads <c>HH:MM:SS[.fraction]</c>.</summary>
    public bool TryReadClock(out int hour, out int minute, out int second, out long nanoseconds, out byte digits)
    {
        var start = Position;
        nanoseconds = 0;
        digits = 0;
        minute = second = 0;
        if (!TryReadFixedInt(2, out hour) || !TryExpect(':') || !TryReadFixedInt(2, out minute) || !TryExpect(':') || !TryReadFixedInt(2, out second))
        {
            Position = start;
            return false;
        }

        if (Peek == '.' && Position + 1 < _text.Length && char.IsAsciiDigit(_text[Position + 1]))
        {
            Position++;
            TryReadFraction(out nanoseconds, out digits);
        }

        return true;
    }

    /// <summary>Reads a three-letter English month name (<c>Jan</c> … <c>Dec</c>, any case).</summary>
    public bool TryReadMonthName(out int month)
    {
        month = 0;
        var rest = Rest;
        if (rest.Length < 3) return false;
        month = MonthOf(rest[..3]);
        if (month == 0) return false;
        Position += 3;
        return true;
    }

    /// <summary>Reads a syslog time stamp <c>Mmm dd hh:mm:ss</c> (day space-padded or not, optional fraction).</summary>
    public bool TryReadSyslogTime(TextDecodeContext context, out Timestamp time)
    {
        var start = Position;
        time = default;
        if (!TryReadMonthName(out var month) || !TryExpect(' '))
        {
            Position = start;
            return false;
        }

        SkipSpaces();
        if (!TryReadInt(out var day) || !TryExpect(' ') || !TryReadClock(out var h, out var m, out var s, out var ns, out var digits)
            || !context.TryMakeTimeWithoutYear(month, (int)day, h, m, s, ns, digits, out time))
        {
            Position = start;
            return false;
        }

        return true;
    }

    /// <summary>Reads an RFC 3339 / ISO 8601 time stamp: <c>2026-11-23T14:40:01.123456+01:00</c> (or <c>Z</c>, or no zone: the input's zone).</summary>
    public bool TryReadRfc3339(TextDecodeContext context, out Timestamp time)
    {
        var start = Position;
        time = default;
        if (!TryReadFixedInt(4, out var year) || !TryExpect('-') || !TryReadFixedInt(2, out var month) || !TryExpect('-')
            || !TryReadFixedInt(2, out var day) || !(TryExpect('T') || TryExpect(' '))
            || !TryReadClock(out var h, out var m, out var s, out var ns, out var digits))
        {
            Position = start;
            return false;
        }

        TimeSpan? offset = null;
        if (TryExpect('Z'))
        {
            offset = TimeSpan.Zero;
        }
        else if (Peek is '+' or '-')
        {
            var sign = Peek == '-' ? -1 : 1;
            Position++;
            if (!TryReadFixedInt(2, out var oh) || !(TryExpect(':') || true) || !TryReadFixedInt(2, out var om))
            {
                Position = start;
                return false;
            }

            offset = new TimeSpan(oh, om, 0) * sign;
        }

        if (!context.TryMakeTime(year, month, day, h, m, s, ns, digits, offset, out time))
        {
            Position = start;
            return false;
        }

        return true;
    }

    /// <summary>Reads a host as logs write it: IPv4, IPv6, a name, or an anonymised token such as <c>MY.NET.1.8</c>.</summary>
    public bool TryReadHost(ReadOnlySpan<char> stopChars, out HostAddress host)
    {
        var rest = Rest;
        var end = rest.IndexOfAny(stopChars);
        var text = end < 0 ? rest : rest[..end];
        if (text.IsEmpty || !HostAddress.TryParseOrToken(text, out host))
        {
            host = default;
            return false;
        }

        Position += text.Length;
        return true;
    }

    public static int MonthOf(ReadOnlySpan<char> name)
    {
        if (name.Length < 3) return 0;
        Span<char> lower = stackalloc char[3];
        for (var i = 0; i < 3; i++) lower[i] = char.ToLowerInvariant(name[i]);
        return lower switch
        {
            "jan" => 1, "feb" => 2, "mar" => 3, "apr" => 4, "may" => 5, "jun" => 6,
            "jul" => 7, "aug" => 8, "sep" => 9, "oct" => 10, "nov" => 11, "dec" => 12,
            _ => 0,
        };
    }
}
