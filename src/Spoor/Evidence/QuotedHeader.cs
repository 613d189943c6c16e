namespace Spoor.Evidence;

/// <summary>
/// The IP and transport header an ICMP error quotes back (RFC 792, RFC 4443): who the erring packet was
/// from and to. Backscatter and decoy analysis read it to learn what someone else sent in our name.
/// </summary>
public readonly record struct QuotedHeader(
    QuotedFields Fields,
    HostAddress Source,
    HostAddress Destination,
    TransportProtocol Protocol,
    byte IpProtocol,
    uint IpId,
    byte Ttl,
    ushort SourcePort,
    ushort DestinationPort,
    uint Sequence)
{
    public bool Has(QuotedFields field) => (Fields & field) == field;
}
