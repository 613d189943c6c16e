namespace Spoor.Evidence;

/// <summary>The protocol an observation is about, as the contract's <c>proto</c> field names it.</summary>
public enum TransportProtocol : byte
{
    /// <summary>No network layer was decoded (non-IP frame, or decoding stopped before it).</summary>
    None = 0,
    Tcp,
    Udp,
    Icmp,
    Icmpv6,
    Arp,

    /// <summary>An IP packet whose payload is not decoded further (other protocols, non-first fragments).</summary>
    Ip,
}
