namespace Spoor.Ingest.Text;

/// <summary>What parsing one tcpdump record learnt beyond the observation's fields, for the reader to act on.</summary>
internal struct TcpdumpLineFacts
{
    /// <summary>tcpdump 3.8 or later (<c>IP</c>/<c>IP6</c> before the addresses, or 4.x's <c>-e</c> layout): DF and TOS are printed only with <c>-v</c>.</summary>
    public bool Modern;

    /// <summary>The TCP flags contradict themselves (a letter and <c>.</c>): flags, sequence and acknowledgement are left out.</summary>
    public bool FlagsUnreadable;

    /// <summary>The link-layer type <c>-e</c> named, 0 when the line has no link layer.</summary>
    public ushort EtherType;

    /// <summary>The TCP or UDP header was cut short (<c>[|tcp]</c>): lengths it would have shown are unknown.</summary>
    public bool TransportTruncated;

    /// <summary>
    /// The line shows -vv output (NBT's <c>&gt;&gt;&gt;</c> decode): tcpdump then also printed the <c>(ttl, id)</c> group,
    /// so a record without one was cut when it was pasted.
    /// </summary>
    public bool VeryVerbose;
}
