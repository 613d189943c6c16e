using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// What Cisco IOS, ASA and PIX put before a message, as Cisco's "System Message Structure" describes it:
/// an optional syslog receiver stamp and host, then any of the device's sequence number (<c>3272392:</c>), uptime
/// (<c>5d17h:</c>) or own clock (<c>Aug 4 10:17:53.949 EST:</c>, <c>Dec 30 2003 02:13:28:</c>, marked <c>*</c> when
/// not authoritative and <c>.</c> when set but not synchronised), and the tag <c>%FACILITY-[SUB-]SEVERITY-MNEMONIC:</c>.
/// Parsing takes what it finds and ignores tokens it does not know (relay names, <c>host/host</c> pairs).
/// </summary>
internal readonly ref struct CiscoLogHeader
{
    private const int MaxZoneLength = 6;
    private const char NotAuthoritative = '*';

    private readonly ReadOnlySpan<char> _receiverStamp;
    private readonly ReadOnlySpan<char> _deviceStamp;
    private readonly char _deviceMark;

    private CiscoLogHeader(ReadOnlySpan<char> receiverStamp, ReadOnlySpan<char> deviceStamp, char deviceMark, ReadOnlySpan<char> tag,
        ReadOnlySpan<char> facility, byte severity, ReadOnlySpan<char> mnemonic, ReadOnlySpan<char> body)
    {
        _receiverStamp = receiverStamp;
        _deviceStamp = deviceStamp;
        _deviceMark = deviceMark;
        Tag = tag;
        Facility = facility;
        Severity = severity;
        Mnemonic = mnemonic;
        Body = body;
    }

    /// <summary>The tag as written, without <c>%</c> and colon: <c>SEC-6-IPACCESSLOGP</c>, <c>ASA-session-2-106007</c>.</summary>
    public ReadOnlySpan<char> Tag { get; }

    /// <summary><c>SEC</c>, <c>IPV6_ACL</c>, <c>IPS</c>, <c>ASA</c>, <c>PIX</c> …</summary>
    public ReadOnlySpan<char> Facility { get; }

    public byte Severity { get; }

    /// <summary><c>IPACCESSLOGP</c>, <c>106023</c> …</summary>
    public ReadOnlySpan<char> Mnemonic { get; }

    /// <summary>The message text after the tag, trimmed.</summary>
    public ReadOnlySpan<char> Body { get; }

    /// <summary>Finds the tag and reads the header before it; false when the line has no Cisco tag.</summary>
    public static bool TryParse(ReadOnlySpan<char> line, out CiscoLogHeader header)
    {
        header = default;
        var at = FindTag(line, out var tagLength, out var facility, out var severity, out var mnemonic);
        if (at < 0) return false;

        var body = line[(at + 1 + tagLength)..];
        if (body.StartsWith(':')) body = body[1..];
        ReadPrefix(line[..at], out var receiver, out var device, out var mark);
        header = new CiscoLogHeader(receiver, device, mark, line.Slice(at + 1, tagLength), facility, severity, mnemonic, body.Trim());
        return true;
    }

    /// <summary>
    /// True for a line that holds only a header and no tag (<c>Aug 4 10:17:54 host 3272392: Aug 4 10:17:53.949 EST:</c>):
    /// a record whose message was wrapped onto the next line.
    /// </summary>
    public static bool IsHeaderWithoutMessage(ReadOnlySpan<char> line)
    {
        line = line.Trim();
        if (line.IsEmpty || line[^1] != ':' || FindTag(line, out _, out _, out _, out _) >= 0) return false;
        var scanner = new TextScanner(line);
        if (SyslogLine.TrySkipSyslogStamp(ref scanner))
        {
            scanner.SkipSpaces();
            scanner.TryReadToken(out _);
        }

        var sawDeviceField = false;
        while (true)
        {
            scanner.SkipSpaces();
            if (scanner.AtEnd) return sawDeviceField;
            if (TryReadDeviceStamp(ref scanner, out _, out _))
            {
                sawDeviceField = true;
                continue;
            }

            if (!scanner.TryReadToken(out var token) || !IsSequenceNumber(token)) return false;
            sawDeviceField = true;
        }
    }

    /// <summary>
    /// Sets the record's time: the device's own clock when it has one (its zone as stated, its milliseconds), else the
    /// syslog receiver's stamp. A device clock marked <c>*</c> is not authoritative, so the receiver's stamp wins when there is one.
    /// </summary>
    public void SetTime(TextDecodeContext context, ref Observation observation)
    {
        Timestamp time;
        var useDevice = !_deviceStamp.IsEmpty && !(_deviceMark == NotAuthoritative && !_receiverStamp.IsEmpty);
        if (_deviceMark == NotAuthoritative && !_receiverStamp.IsEmpty)
        {
            context.Note("device clock marked '*' (not authoritative): the syslog receiver's time stamp used instead");
        }

        if (useDevice && TryMakeDeviceTime(context, out time))
        {
            observation.Time = time;
            observation.Set(ObservationFields.Time);
            return;
        }

        var receiver = new TextScanner(_receiverStamp);
        if (!_receiverStamp.IsEmpty && receiver.TryReadSyslogTime(context, out time))
        {
            observation.Time = time;
            observation.Set(ObservationFields.Time);
        }
    }

    private bool TryMakeDeviceTime(TextDecodeContext context, out Timestamp time)
    {
        time = default;
        var scanner = new TextScanner(_deviceStamp);
        if (!scanner.TryReadMonthName(out var month) || !scanner.TryExpect(' ')) return false;
        scanner.SkipSpaces();
        if (!scanner.TryReadInt(out var day) || !scanner.TryExpect(' ')) return false;
        var year = 0;
        var yearAt = scanner.Position;
        if (!(scanner.TryReadFixedInt(4, out year) && scanner.TryExpect(' ')))
        {
            scanner.Position = yearAt;
            year = 0;
        }

        if (!scanner.TryReadClock(out var hour, out var minute, out var second, out var nanoseconds, out var digits)) return false;
        TimeSpan? offset = null;
        scanner.SkipSpaces();
        var zone = scanner.Rest;
        if (!zone.IsEmpty)
        {
            if (ZoneAbbreviations.TryGetOffset(zone, out var stated)) offset = stated;
            else context.Note("device clock names a time zone Spoor does not know: read in the input's zone (--tz)");
        }

        return year != 0
            ? context.TryMakeTime(year, month, (int)day, hour, minute, second, nanoseconds, digits, offset, out time)
            : context.TryMakeTimeWithoutYear(month, (int)day, hour, minute, second, nanoseconds, digits, offset, out time);
    }

    private static void ReadPrefix(ReadOnlySpan<char> prefix, out ReadOnlySpan<char> receiver, out ReadOnlySpan<char> device, out char mark)
    {
        receiver = default;
        device = default;
        mark = '\0';
        var scanner = new TextScanner(prefix);
        scanner.SkipSpaces();
        var start = scanner.Position;
        if (SyslogLine.TrySkipSyslogStamp(ref scanner))
        {
            receiver = prefix[start..scanner.Position];
            scanner.SkipSpaces();

            // The host that sent the line, unless the device's own clock or sequence follows at once.
            var hostAt = scanner.Position;
            if (!TryReadDeviceStamp(ref scanner, out _, out _)) scanner.TryReadToken(out _);
            else scanner.Position = hostAt;
        }

        while (true)
        {
            scanner.SkipSpaces();
            if (scanner.AtEnd) return;
            if (TryReadDeviceStamp(ref scanner, out var stamp, out var stampMark))
            {
                device = prefix[stamp];
                mark = stampMark;
                continue;
            }

            scanner.TryReadToken(out _);
        }
    }

    // [*.:]Mmm dd [yyyy ]hh:mm:ss[.fff][ ZONE][:] — the range returned runs from the month to the end of the zone.
    private static bool TryReadDeviceStamp(ref TextScanner scanner, out Range stamp, out char mark)
    {
        stamp = default;
        mark = '\0';
        var start = scanner.Position;
        if (scanner.Peek is '*' or '.' or ':')
        {
            mark = scanner.Peek;
            scanner.Position++;
        }

        var stampStart = scanner.Position;
        if (!scanner.TryReadMonthName(out _) || !scanner.TryExpect(' '))
        {
            scanner.Position = start;
            return false;
        }

        scanner.SkipSpaces();
        if (!scanner.TryReadInt(out _) || !scanner.TryExpect(' '))
        {
            scanner.Position = start;
            return false;
        }

        var yearAt = scanner.Position;
        if (!(scanner.TryReadFixedInt(4, out _) && scanner.TryExpect(' '))) scanner.Position = yearAt;
        if (!scanner.TryReadClock(out _, out _, out _, out _, out _))
        {
            scanner.Position = start;
            return false;
        }

        var end = scanner.Position;
        if (scanner.Peek == ' ')
        {
            var rest = scanner.Rest[1..];
            var letters = 0;
            while (letters < rest.Length && letters <= MaxZoneLength && char.IsAsciiLetter(rest[letters])) letters++;
            if (letters is > 0 and <= MaxZoneLength && (letters == rest.Length || rest[letters] == ':'))
            {
                scanner.Position += 1 + letters;
                end = scanner.Position;
            }
        }

        stamp = stampStart..end;
        scanner.TryExpect(':');
        return true;
    }

    private static bool IsSequenceNumber(ReadOnlySpan<char> token)
    {
        if (token.Length < 2 || token[^1] != ':') return false;
        foreach (var c in token[..^1])
        {
            if (!char.IsAsciiDigit(c)) return false;
        }

        return true;
    }

    // The first '%' at a token start that opens FACILITY[-SUB]-SEVERITY-MNEMONIC; the tag ends at ':' or a space.
    private static int FindTag(ReadOnlySpan<char> line, out int length, out ReadOnlySpan<char> facility, out byte severity, out ReadOnlySpan<char> mnemonic)
    {
        var from = 0;
        while (from < line.Length)
        {
            var i = line[from..].IndexOf('%');
            if (i < 0) break;
            i += from;
            if ((i == 0 || line[i - 1] is ' ' or '\t' or ':') && TryReadTag(line[(i + 1)..], out length, out facility, out severity, out mnemonic))
            {
                return i;
            }

            from = i + 1;
        }

        length = 0;
        facility = default;
        severity = 0;
        mnemonic = default;
        return -1;
    }

    private static bool TryReadTag(ReadOnlySpan<char> text, out int length, out ReadOnlySpan<char> facility, out byte severity, out ReadOnlySpan<char> mnemonic)
    {
        length = 0;
        facility = default;
        severity = 0;
        mnemonic = default;
        var end = text.IndexOfAny(':', ' ');
        var tag = end < 0 ? text : text[..end];
        var lastDash = tag.LastIndexOf('-');
        if (lastDash < 3) return false;
        var beforeMnemonic = tag[..lastDash];
        var severityDash = beforeMnemonic.LastIndexOf('-');
        if (severityDash < 1 || beforeMnemonic.Length - severityDash != 2) return false;
        var severityChar = beforeMnemonic[^1];
        if (severityChar is < '0' or > '7') return false;

        mnemonic = tag[(lastDash + 1)..];
        var facilityEnd = beforeMnemonic[..severityDash].IndexOf('-');
        facility = facilityEnd < 0 ? beforeMnemonic[..severityDash] : beforeMnemonic[..facilityEnd];
        if (mnemonic.IsEmpty || facility.IsEmpty || !char.IsAsciiLetterUpper(facility[0])) return false;
        foreach (var c in facility)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c != '_') return false;
        }

        foreach (var c in mnemonic)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        }

        severity = (byte)(severityChar - '0');
        length = tag.Length;
        return true;
    }
}
