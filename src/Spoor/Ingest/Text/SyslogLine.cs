using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// A line as BSD syslogd writes it (RFC 3164 §4.1 in practice): <c>Mmm dd hh:mm:ss host tag[pid]: message</c>, or the
/// same after an RFC 3339 stamp (rsyslog's high-precision format). A line without a stamp (a console or
/// <c>dmesg</c> copy, an excerpt pasted without its header) is all message. Parsing never fails and never builds
/// the time: a format asks for it once it knows the line is its own, so the year inference only sees real records.
/// </summary>
internal readonly ref struct SyslogLine
{
    private readonly ReadOnlySpan<char> _stamp;
    private readonly bool _rfc3339;

    private SyslogLine(ReadOnlySpan<char> stamp, bool rfc3339, ReadOnlySpan<char> host, ReadOnlySpan<char> program, ReadOnlySpan<char> message)
    {
        _stamp = stamp;
        _rfc3339 = rfc3339;
        Host = host;
        Program = program;
        Message = message;
    }

    /// <summary>True when the line starts with a time stamp (and so has a host and usually a tag).</summary>
    public bool HasStamp => !_stamp.IsEmpty;

    /// <summary>The host that logged the line; empty without a stamp.</summary>
    public ReadOnlySpan<char> Host { get; }

    /// <summary>The tag without its <c>[pid]</c> and colon (<c>kernel</c>, <c>/kernel</c>, <c>in.telnetd</c>); empty when the line has none.</summary>
    public ReadOnlySpan<char> Program { get; }

    /// <summary>The text after the tag (or after the host when there is no tag; the whole line without a stamp), trimmed.</summary>
    public ReadOnlySpan<char> Message { get; }

    /// <summary>True when the tag names the kernel (<c>kernel:</c> on Linux, <c>/kernel:</c> on old FreeBSD, <c>/bsd:</c> on OpenBSD).</summary>
    public bool IsKernel => Program.SequenceEqual("kernel") || Program.SequenceEqual("/kernel") || Program.SequenceEqual("/bsd");

    public static SyslogLine Parse(ReadOnlySpan<char> line)
    {
        var scanner = new TextScanner(line);
        scanner.SkipSpaces();
        var start = scanner.Position;
        bool rfc3339;
        if (TrySkipSyslogStamp(ref scanner))
        {
            rfc3339 = false;
        }
        else if (TrySkipRfc3339Stamp(ref scanner))
        {
            rfc3339 = true;
        }
        else
        {
            return new SyslogLine(default, false, default, default, line.Trim());
        }

        var stamp = line[start..scanner.Position];
        scanner.SkipSpaces();
        scanner.TryReadToken(out var host);
        scanner.SkipSpaces();
        var afterHost = scanner.Position;
        if (scanner.TryReadToken(out var tag) && tag.Length > 1 && tag[^1] == ':')
        {
            var program = tag[..^1];
            var bracket = program.IndexOf('[');
            if (bracket > 0 && program[^1] == ']') program = program[..bracket];
            return new SyslogLine(stamp, rfc3339, host, program, scanner.Rest.Trim());
        }

        return new SyslogLine(stamp, rfc3339, host, default, line[afterHost..].Trim());
    }

    /// <summary>Builds the stamp's time through the input's year and zone inference; false without a stamp.</summary>
    public bool TryMakeTime(TextDecodeContext context, out Timestamp time)
    {
        time = default;
        if (_stamp.IsEmpty) return false;
        var scanner = new TextScanner(_stamp);
        return _rfc3339 ? scanner.TryReadRfc3339(context, out time) : scanner.TryReadSyslogTime(context, out time);
    }

    /// <summary>
    /// Sets the observation's time from the stamp when there is one and it is a real date, and the logging host
    /// as its sensor (so one packet logged by two hosts is recognised as a duplicate, not counted twice).
    /// </summary>
    public void SetTimeAndSensor(TextDecodeContext context, ref Observation observation)
    {
        if (!Host.IsEmpty)
        {
            observation.SensorId = HostTokenTable.Intern(Host);
            observation.Set(ObservationFields.Sensor);
        }

        if (!TryMakeTime(context, out var time)) return;
        observation.Time = time;
        observation.Set(ObservationFields.Time);
    }

    /// <summary>Moves past a syslog stamp <c>Mmm dd hh:mm:ss[.fraction]</c> without building its time; false (position kept) if there is none.</summary>
    internal static bool TrySkipSyslogStamp(ref TextScanner scanner)
    {
        var start = scanner.Position;
        if (scanner.TryReadMonthName(out _) && scanner.TryExpect(' '))
        {
            scanner.SkipSpaces();
            if (scanner.TryReadInt(out _) && scanner.TryExpect(' ') && scanner.TryReadClock(out _, out _, out _, out _, out _)) return true;
        }

        scanner.Position = start;
        return false;
    }

    private static bool TrySkipRfc3339Stamp(ref TextScanner scanner)
    {
        var start = scanner.Position;
        if (scanner.TryReadFixedInt(4, out _) && scanner.TryExpect('-') && scanner.TryReadFixedInt(2, out _) && scanner.TryExpect('-')
            && scanner.TryReadFixedInt(2, out _) && scanner.TryExpect('T') && scanner.TryReadClock(out _, out _, out _, out _, out _))
        {
            // The zone, if any, runs up to the space before the host.
            scanner.TryReadToken(out _);
            return true;
        }

        scanner.Position = start;
        return false;
    }
}
