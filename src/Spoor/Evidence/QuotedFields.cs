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
}
