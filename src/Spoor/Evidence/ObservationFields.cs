namespace Spoor.Evidence;

/// <summary>
/// Which fields of an <see cref="Observation"/> the source actually had. A Snort fast alert has no TTL;
/// a pcap has everything its captured bytes hold. Absent is never the same as zero.
/// </summary>
[Flags]
public enum ObservationFields : ulong
{
    None = 0,
    Time = 1UL << 0,
    FrameLength = 1UL << 1,
    SourceMac = 1UL << 2,
    DestinationMac = 1UL << 3,
    Vlan = 1UL << 4,
    IpVersion = 1UL << 5,
    Source = 1UL << 6,
    Destination = 1UL << 7,
    IpProtocol = 1UL << 8,
    Ttl = 1UL << 9,
    Tos = 1UL << 10,
    IpId = 1UL << 11,
    IpLength = 1UL << 12,
    IpHeaderLength = 1UL << 13,
    IpOptions = 1UL << 14,
    /// <summary>The fragment offset (IPv4; IPv6 with a fragment header).</summary>
    FragmentOffset = 1UL << 15,
    DontFragment = 1UL << 16,
    FlowLabel = 1UL << 17,
    SourcePort = 1UL << 18,
    TcpFlags = 1UL << 19,
    Sequence = 1UL << 20,
    Acknowledgement = 1UL << 21,
    Window = 1UL << 22,
    UrgentPointer = 1UL << 23,
    TcpHeaderLength = 1UL << 24,
    TcpOptions = 1UL << 25,
    Mss = 1UL << 26,
    WindowScale = 1UL << 27,
    SackPermitted = 1UL << 28,
    Timestamps = 1UL << 29,
    PayloadLength = 1UL << 30,
    UdpLength = 1UL << 31,
    IcmpType = 1UL << 32,
    IcmpIdSequence = 1UL << 33,
    Quoted = 1UL << 34,
    ArpOperation = 1UL << 35,
    ArpHardware = 1UL << 36,
    Verdict = 1UL << 37,
    Message = 1UL << 38,
    Interface = 1UL << 39,
    LinkType = 1UL << 40,
    Protocol = 1UL << 41,

    /// <summary>The destination port alone: logs such as portsentry or TCP wrappers name the service but not the client's port.</summary>
    DestinationPort = 1UL << 42,

    /// <summary>The MF flag, apart from the offset: old ipfw logs state a fragment's offset without it.</summary>
    MoreFragments = 1UL << 43,

    /// <summary>How many packets one log record stands for (Cisco <c>N packets</c>, ASA <c>hit-cnt N</c>); absent means one.</summary>
    PacketCount = 1UL << 44,

    /// <summary>Interned name of the logging host.</summary>
    Sensor = 1UL << 45,

    /// <summary>The record is a packet another sensor already logged.</summary>
    Duplicate = 1UL << 46,

    /// <summary>The first bytes of the transport payload (<see cref="Observation.PayloadHead"/>); set only when at least one byte is known.</summary>
    PayloadHead = 1UL << 47,

    /// <summary>
    /// Set by detection, not by a reader: the TCP segment belongs to a connection whose three-way handshake was seen
    /// complete, and is neither a SYN nor a reset (see <c>Spoor.Detect.ConnectionTracker</c>). Nothing in it probes.
    /// </summary>
    Established = 1UL << 55,

    /// <summary>
    /// Set by detection, not by a reader: a UDP record (or a log record with ports but no protocol) that answers a flow
    /// seen within the last two minutes, as a DNS server's reply answers a client's query (see
    /// <c>Spoor.Detect.RecentFlows</c>). It probes nothing.
    /// </summary>
    Reply = 1UL << 56,

    /// <summary>Both ports (what a TCP or UDP header always gives).</summary>
    Ports = SourcePort | DestinationPort,

    /// <summary>Fragment offset and MF flag together (what an IP header always gives).</summary>
    Fragment = FragmentOffset | MoreFragments,
}
