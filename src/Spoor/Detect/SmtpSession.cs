using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// What the packets of one TCP connection to an SMTP server show without its bytes: when it was seen, how much
/// each side sent, how many client segments carried data (about one per command when the client waits for each
/// reply), and whether it was answered and closed. A value updated in place in the tracker's table.
/// </summary>
internal struct SmtpSession
{
    public Timestamp FirstSeen;
    public Timestamp LastSeen;
    public EvidenceRef Opening;
    public long ClientBytes;
    public long ServerBytes;
    public int ClientDataSegments;
    public int Packets;

    /// <summary>The server sent a SYN-ACK or data: a session, not an unanswered connection attempt.</summary>
    public bool Answered;

    /// <summary>A FIN or RST from either side was seen.</summary>
    public bool Closed;

    public readonly double DurationSeconds => (double)(LastSeen.UnixNanoseconds - FirstSeen.UnixNanoseconds) / Timestamp.NanosecondsPerSecond;

    /// <summary>Takes one packet's time; lines of a hand-edited trace may run backwards, so the span is the earliest to the latest.</summary>
    public void See(Timestamp time, EvidenceRef evidence)
    {
        if (Packets == 0 || time.UnixNanoseconds < FirstSeen.UnixNanoseconds)
        {
            FirstSeen = time;
            Opening = evidence;
        }

        if (Packets == 0 || time.UnixNanoseconds > LastSeen.UnixNanoseconds) LastSeen = time;
        Packets++;
    }
}
