namespace Spoor.Evidence;

/// <summary>
/// One packet or log record in the shared vocabulary of every reader and detector. A pcap frame and a
/// firewall log line both become one of these, so every detector works on both. <see cref="Fields"/> says
/// which values the source actually had; a value whose bit is clear is absent, whatever it holds.
/// </summary>
/// <remarks>
/// A mutable struct filled in place by the readers (no allocation per record) and read-only to everyone
/// outside the library. Keep it a value: detectors copy what they keep.
/// </remarks>
public struct Observation
{
    public EvidenceRef Evidence { get; internal set; }

    public ObservationFields Fields { get; internal set; }

    public Timestamp Time { get; internal set; }

    // Link layer
    public ushort LinkType { get; internal set; }

    public uint InterfaceId { get; internal set; }

    public int FrameLength { get; internal set; }

    public int CapturedLength { get; internal set; }

    public MacAddress SourceMac { get; internal set; }

    public MacAddress DestinationMac { get; internal set; }

    public VlanTags Vlan { get; internal set; }

    // Network layer
    public byte IpVersion { get; internal set; }

    public HostAddress Source { get; internal set; }

    public HostAddress Destination { get; internal set; }

    public TransportProtocol Protocol { get; internal set; }

    /// <summary>IPv4 protocol or IPv6 final next header.</summary>
    public byte IpProtocol { get; internal set; }

    /// <summary>IPv4 TTL or IPv6 hop limit.</summary>
    public byte Ttl { get; internal set; }

    public byte Tos { get; internal set; }

    /// <summary>IPv4 identification (16 bits) or IPv6 fragment identification (32 bits).</summary>
    public uint IpId { get; internal set; }

    public int IpLength { get; internal set; }

    public byte IpHeaderLength { get; internal set; }

    internal SmallByteList IpOptionList;

    /// <summary>IPv4 option type bytes in order (at most 16 kept).</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public readonly ReadOnlySpan<byte> IpOptions => IpOptionList.AsSpan();

    public int FragmentOffset { get; internal set; }

    public bool MoreFragments { get; internal set; }

    public bool DontFragment { get; internal set; }

    public uint FlowLabel { get; internal set; }

    // Transport layer
    public ushort SourcePort { get; internal set; }

    public ushort DestinationPort { get; internal set; }

    public TcpFlags TcpFlags { get; internal set; }

    public uint Sequence { get; internal set; }

    public uint Acknowledgement { get; internal set; }

    public ushort Window { get; internal set; }

    public ushort UrgentPointer { get; internal set; }

    public byte TcpHeaderLength { get; internal set; }

    internal SmallByteList TcpOptionList;

    /// <summary>TCP option kinds in order, up to and including EOL (at most 16 kept).</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public readonly ReadOnlySpan<byte> TcpOptionKinds => TcpOptionList.AsSpan();

    public TcpOptionValues TcpOptions { get; internal set; }

    public int PayloadLength { get; internal set; }

    public ushort UdpLength { get; internal set; }

    internal InlineByteBuffer32 PayloadHeadBytes;

    /// <summary>
    /// The first bytes of the transport payload as captured (TCP or UDP data; for ICMP, what follows the
    /// 8-byte header): at most <see cref="PayloadHeadCapacity"/>, fewer when the payload is shorter, the capture
    /// was cut, or a hex dump masked a byte (the head stops before the first unknown byte). Empty unless
    /// <see cref="ObservationFields.PayloadHead"/> is set.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public readonly ReadOnlySpan<byte> PayloadHead => ((ReadOnlySpan<byte>)PayloadHeadBytes)[..PayloadHeadLength];

    /// <summary>How many bytes <see cref="PayloadHead"/> holds.</summary>
    public byte PayloadHeadLength { get; internal set; }

    /// <summary>
    /// Payload bytes kept per observation. 32 covers the payload signatures detectors read: a Back Orifice
    /// header is 17 bytes (8-byte magic, length, packet id, type), and an SNMP message reaches its community
    /// string after at most 9 bytes of BER framing (SEQUENCE with a long-form length, INTEGER version, OCTET
    /// STRING tag and length), leaving 23 bytes for the community; 16 would cut off BO's type byte. More would
    /// grow every observation (copied by readers, mergers and detectors) for signatures we do not read.
    /// </summary>
    public const int PayloadHeadCapacity = InlineByteBuffer32.Capacity;

    public byte IcmpType { get; internal set; }

    public byte IcmpCode { get; internal set; }

    public ushort IcmpId { get; internal set; }

    public ushort IcmpSequence { get; internal set; }

    public QuotedHeader Quoted { get; internal set; }

    // ARP (sender/target protocol addresses are Source/Destination)
    public ushort ArpOperation { get; internal set; }

    public MacAddress ArpSenderMac { get; internal set; }

    public MacAddress ArpTargetMac { get; internal set; }

    // What a sensor's log said about the record
    public SensorVerdict Verdict { get; internal set; }

    /// <summary>Interned text of the sensor's message (alert name, ACL name, log prefix); see <see cref="HostTokenTable"/>.</summary>
    public int MessageId { get; internal set; }

    /// <summary>Interned name of the sensor that logged the record where the log names it (the syslog host, e.g. <c>pooky</c>).</summary>
    public int SensorId { get; internal set; }

    /// <summary>The earlier record of the same packet from another sensor, when this one is a duplicate (see <c>DuplicateMarker</c>).</summary>
    public EvidenceRef DuplicateOf { get; internal set; }

    /// <summary>
    /// Packets the sensor folded into this one record (a router logs the first packet of a flow, then
    /// "N packets" every few minutes); meaningful only when <see cref="ObservationFields.PacketCount"/> is set.
    /// </summary>
    public uint PacketCount { get; internal set; }

    public readonly bool Has(ObservationFields field) => (Fields & field) == field;

    /// <summary>Keeps the first bytes of <paramref name="payload"/> (the transport payload as far as it was captured); nothing for an empty one.</summary>
    internal void SetPayloadHead(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty) return;
        var length = Math.Min(payload.Length, PayloadHeadCapacity);
        payload[..length].CopyTo(PayloadHeadBytes);
        PayloadHeadLength = (byte)length;
        Set(ObservationFields.PayloadHead);
    }

    internal void Set(ObservationFields field) => Fields |= field;

    /// <summary>Resets every field for reuse by a reader, keeping nothing from the previous record.</summary>
    internal void Reset() => this = default;
}
