namespace Spoor.Ingest.Text;

/// <summary>Which of tcpdump's transport printers wrote the text after <c>src &gt; dst:</c>.</summary>
internal enum TcpdumpTransportKind : byte
{
    /// <summary>Any other IP payload: later fragments, <c>ip-proto-47</c>, IGMP …</summary>
    OtherIp,

    /// <summary>tcpdump 3.x TCP: flag letters, <c>seq:end(len)</c>, <c>ack</c>, <c>win</c>, <c>&lt;options&gt;</c>.</summary>
    TcpClassic,

    /// <summary>tcpdump 4.x TCP: <c>Flags [S.], seq 1, ack 1, win 512, options […], length 0</c>.</summary>
    TcpModern,

    /// <summary><c>-q</c> TCP: <c>tcp 517</c>, the payload length and nothing else.</summary>
    TcpQuick,

    /// <summary>UDP: <c>udp 46</c>, <c>UDP, length 46</c>, or an application decode between UDP endpoints.</summary>
    Udp,

    /// <summary>tcpdump 3.x ICMP: <c>icmp: echo request</c>.</summary>
    IcmpClassic,

    /// <summary>tcpdump 4.x ICMP: <c>ICMP echo request, id 1, seq 1, length 64</c>.</summary>
    IcmpModern,
}
