namespace Spoor.Detect;

/// <summary>Header properties no ordinary stack gives a packet, each counted by the crafted-packet detector.</summary>
public enum PacketAnomaly
{
    /// <summary>A flag set no stack sends and no standard scan uses: SYN+FIN, SYN+RST, FIN+RST+PSH, ECE without ECN setup, …</summary>
    ImpossibleFlags,

    /// <summary>One of the reserved bits (or AE outside an accurate-ECN SYN) is set.</summary>
    ReservedBits,

    /// <summary>The ACK flag with acknowledgement number 0.</summary>
    AckFlagWithZeroAck,

    /// <summary>A non-zero acknowledgement number with the ACK flag clear, on a segment without RST (real stacks leave one in resets).</summary>
    AckNumberWithoutAckFlag,

    /// <summary>URG set with urgent pointer 0 outside the Xmas scan's FIN+PSH+URG.</summary>
    UrgentWithoutPointer,

    /// <summary>Source or destination port 0.</summary>
    PortZero,

    /// <summary>A first fragment too short to hold the TCP header (20 bytes).</summary>
    TinyFragment,
}
