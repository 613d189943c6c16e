using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;

namespace Spoor.Tests.Detect;

/// <summary>tcpdump text with a <c>-x</c> hex dump, so detector tests can give a packet its payload bytes.</summary>
internal static class HexDumpText
{
    /// <summary>A tcpdump 4 UDP line and the dump of its IPv4 packet (checksums left 0: nothing here checks them).</summary>
    public static string Udp(string time, string source, int sourcePort, string destination, int destinationPort, ReadOnlySpan<byte> payload)
    {
        const int ipHeader = 20, udpHeader = 8;
        var packet = new byte[ipHeader + udpHeader + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = 64;
        packet[9] = 17;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(packet, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(packet, 16);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(ipHeader), (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(ipHeader + 2), (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(ipHeader + 4), (ushort)(udpHeader + payload.Length));
        payload.CopyTo(packet.AsSpan(ipHeader + udpHeader));

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{time} IP {source}.{sourcePort} > {destination}.{destinationPort}: UDP, length {payload.Length}\n");
        for (var line = 0; line < packet.Length; line += 16)
        {
            text.Append(CultureInfo.InvariantCulture, $"\t0x{line:x4}: ");
            for (var i = line; i < Math.Min(line + 16, packet.Length); i += 2)
            {
                text.Append(' ').Append(Convert.ToHexStringLower(packet.AsSpan(i, Math.Min(2, packet.Length - i))));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
