namespace Spoor.Ingest.Text;

/// <summary>Which of tcpdump's time stamp forms a line starts with.</summary>
internal enum TcpdumpTimeKind : byte
{
    /// <summary><c>hh:mm:ss.ffffff</c>, tcpdump's default: the date comes from <c>--date</c> or the input.</summary>
    TimeOfDay,

    /// <summary><c>yyyy-mm-dd hh:mm:ss.ffffff</c> (<c>-tttt</c>), local time.</summary>
    DateAndTime,

    /// <summary><c>seconds.ffffff</c> since 1970 (<c>-tt</c>), UTC.</summary>
    UnixSeconds,
}
