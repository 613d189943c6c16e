using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>The header an ICMP error quotes, gathered piece by piece from what a log line states about it.</summary>
internal struct TcpdumpQuotedParts
{
    public QuotedFields Fields;
    public HostAddress Source;
    public HostAddress Destination;
    public byte IpProtocol;
    public uint IpId;
    public byte Ttl;
    public ushort SourcePort;
    public ushort DestinationPort;

    public void SetAddresses(HostAddress source, HostAddress destination)
    {
        Source = source;
        Destination = destination;
        Fields |= QuotedFields.Addresses;
    }

    /// <summary>The destination alone (<c>host X unreachable</c>), unless a fuller quote already gave both addresses.</summary>
    public void SetDestinationText(ReadOnlySpan<char> text)
    {
        if ((Fields & QuotedFields.Addresses) != 0 || !HostAddress.TryParseOrToken(text, out var destination)) return;
        Destination = destination;
        Fields |= QuotedFields.DestinationAddress;
    }

    public void SetPorts(ushort source, ushort destination)
    {
        SourcePort = source;
        DestinationPort = destination;
        Fields |= QuotedFields.Ports;
    }

    public void SetDestinationPort(ushort port)
    {
        if ((Fields & QuotedFields.Ports) != 0) return;
        DestinationPort = port;
        Fields |= QuotedFields.DestinationPort;
    }

    public void SetProtocol(byte protocol)
    {
        IpProtocol = protocol;
        Fields |= QuotedFields.IpProtocol;
    }

    public void SetTtl(byte ttl)
    {
        Ttl = ttl;
        Fields |= QuotedFields.Ttl;
    }

    public void SetIpId(uint id)
    {
        IpId = id;
        Fields |= QuotedFields.IpId;
    }

    public readonly QuotedHeader ToHeader()
    {
        var protocol = IpProtocol switch
        {
            6 => TransportProtocol.Tcp,
            17 => TransportProtocol.Udp,
            1 => TransportProtocol.Icmp,
            58 => TransportProtocol.Icmpv6,
            _ => TransportProtocol.Ip,
        };
        return new QuotedHeader(Fields, Source, Destination, protocol, IpProtocol, IpId, Ttl, SourcePort, DestinationPort, 0);
    }
}
