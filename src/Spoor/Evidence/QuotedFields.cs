namespace Spoor.Evidence;

/// <summary>Which fields of the header quoted inside an ICMP error were present in the quote.</summary>
[Flags]
public enum QuotedFields : byte
{
    None = 0,
    Addresses = 1 << 0,
    IpProtocol = 1 << 1,
    IpId = 1 << 2,
    Ttl = 1 << 3,
    Ports = 1 << 4,
    Sequence = 1 << 5,

    /// <summary>The destination address alone, when a log names where the erring packet went but not who sent it (tcpdump's <c>host X unreachable</c>).</summary>
    DestinationAddress = 1 << 6,

    /// <summary>The destination port alone (tcpdump's <c>X udp port 53 unreachable</c>).</summary>
    DestinationPort = 1 << 7,
}
