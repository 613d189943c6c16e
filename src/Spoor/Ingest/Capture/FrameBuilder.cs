using System.Buffers.Binary;
using Spoor.Evidence;
using Spoor.Ingest.Decoding;

namespace Spoor.Ingest.Capture;

/// <summary>
/// Builds well-formed Ethernet/IPv4 frames (TCP, UDP or ICMP echo) into a caller's buffer, with correct
/// lengths and checksums. For synthetic captures in benchmarks and tests; not used on the read path.
/// </summary>
public static class FrameBuilder
{
    private const int EthernetLength = 14;
    private const int Ipv4Length = 20;
    private const int TcpLength = 20;
    private const int UdpLength = 8;
    private const int IcmpEchoLength = 8;

    /// <summary>Writes an Ethernet + IPv4 + TCP frame and returns its length.</summary>
    public static int Tcp(Span<byte> buffer, ulong sourceMac, ulong destinationMac, uint source, uint destination, ushort sourcePort, ushort destinationPort,
        TcpFlags flags, uint sequence, uint acknowledgement, ushort window, ushort ipId, byte ttl, int payloadLength = 0)
    {
        var length = EthernetLength + Ipv4Length + TcpLength + payloadLength;
        var frame = buffer[..length];
        frame.Clear();
        WriteEthernetAndIPv4(frame, sourceMac, destinationMac, source, destination, Ipv4Header.ProtocolTcp, Ipv4Length + TcpLength + payloadLength, ipId, ttl);
        var tcp = frame[(EthernetLength + Ipv4Length)..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], acknowledgement);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[12..], (ushort)((TcpLength / 4) << 12 | ((int)flags & TcpHeader.FlagBitsMask)));
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], window);
        return length;
    }

    /// <summary>Writes an Ethernet + IPv4 + UDP frame and returns its length.</summary>
    public static int Udp(Span<byte> buffer, ulong sourceMac, ulong destinationMac, uint source, uint destination, ushort sourcePort, ushort destinationPort,
        ushort ipId, byte ttl, int payloadLength = 0)
    {
        var length = EthernetLength + Ipv4Length + UdpLength + payloadLength;
        var frame = buffer[..length];
        frame.Clear();
        WriteEthernetAndIPv4(frame, sourceMac, destinationMac, source, destination, Ipv4Header.ProtocolUdp, Ipv4Length + UdpLength + payloadLength, ipId, ttl);
        var udp = frame[(EthernetLength + Ipv4Length)..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(UdpLength + payloadLength));
        return length;
    }

    /// <summary>Writes an Ethernet + IPv4 + ICMP echo request (type 8) or reply (type 0) and returns its length.</summary>
    public static int IcmpEcho(Span<byte> buffer, ulong sourceMac, ulong destinationMac, uint source, uint destination, byte type, ushort identifier, ushort sequence,
        ushort ipId, byte ttl)
    {
        var length = EthernetLength + Ipv4Length + IcmpEchoLength;
        var frame = buffer[..length];
        frame.Clear();
        WriteEthernetAndIPv4(frame, sourceMac, destinationMac, source, destination, Ipv4Header.ProtocolIcmp, Ipv4Length + IcmpEchoLength, ipId, ttl);
        var icmp = frame[(EthernetLength + Ipv4Length)..];
        icmp[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], sequence);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum(icmp[..IcmpEchoLength]));
        return length;
    }

    private static void WriteEthernetAndIPv4(Span<byte> frame, ulong sourceMac, ulong destinationMac, uint source, uint destination, byte protocol, int ipLength, ushort ipId, byte ttl)
    {
        WriteMac(frame, destinationMac);
        WriteMac(frame[6..], sourceMac);
        BinaryPrimitives.WriteUInt16BigEndian(frame[EthernetHeader.EtherTypeOffset..], EthernetHeader.EtherTypeIPv4);
        var ip = frame[EthernetLength..];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[Ipv4Header.TotalLengthOffset..], (ushort)ipLength);
        BinaryPrimitives.WriteUInt16BigEndian(ip[Ipv4Header.IdentificationOffset..], ipId);
        ip[Ipv4Header.TtlOffset] = ttl;
        ip[Ipv4Header.ProtocolOffset] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip[Ipv4Header.SourceOffset..], source);
        BinaryPrimitives.WriteUInt32BigEndian(ip[Ipv4Header.DestinationOffset..], destination);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip[..Ipv4Length]));
    }

    private static void WriteMac(Span<byte> destination, ulong mac)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(mac >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)mac);
    }

    /// <summary>The Internet checksum (RFC 1071) of <paramref name="data"/> with its checksum field zero.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 1 < data.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length) sum += (uint)data[i] << 8;
        while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
