using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// The IP protocol names Snort prints on a packet's protocol line and in a fast alert's <c>{…}</c>. Snort takes
/// them from <c>getprotobynumber</c> (the <c>/etc/protocols</c> names, upper-cased) and writes
/// <c>PROTO:nnn</c> for numbers without a name.
/// </summary>
internal static class SnortProtocolNames
{
    private const string NumberPrefix = "PROTO:";

    /// <summary>Maps a name to the observation's protocol and IP protocol number; false for a name not known here.</summary>
    public static bool TryMap(ReadOnlySpan<char> name, out TransportProtocol protocol, out byte number)
    {
        (protocol, var value) = name switch
        {
            "TCP" => (TransportProtocol.Tcp, 6),
            "UDP" => (TransportProtocol.Udp, 17),
            "ICMP" => (TransportProtocol.Icmp, 1),
            "IPV6-ICMP" or "ICMPV6" => (TransportProtocol.Icmpv6, 58),
            "IP" => (TransportProtocol.Ip, 0),
            "IGMP" => (TransportProtocol.Ip, 2),
            "GGP" => (TransportProtocol.Ip, 3),
            "IPENCAP" or "IPIP" => (TransportProtocol.Ip, 4),
            "EGP" => (TransportProtocol.Ip, 8),
            "IGP" => (TransportProtocol.Ip, 9),
            "IPV6" => (TransportProtocol.Ip, 41),
            "RSVP" => (TransportProtocol.Ip, 46),
            "GRE" => (TransportProtocol.Ip, 47),
            "ESP" => (TransportProtocol.Ip, 50),
            "AH" => (TransportProtocol.Ip, 51),
            "OSPF" or "OSPFIGP" => (TransportProtocol.Ip, 89),
            "PIM" => (TransportProtocol.Ip, 103),
            "VRRP" => (TransportProtocol.Ip, 112),
            "L2TP" => (TransportProtocol.Ip, 115),
            "SCTP" => (TransportProtocol.Ip, 132),
            "UDPLITE" => (TransportProtocol.Ip, 136),
            _ => (TransportProtocol.None, -1),
        };

        if (value < 0 && name.StartsWith(NumberPrefix, StringComparison.Ordinal)
            && int.TryParse(name[NumberPrefix.Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var stated)
            && stated <= byte.MaxValue)
        {
            (protocol, value) = stated switch
            {
                6 => (TransportProtocol.Tcp, 6),
                17 => (TransportProtocol.Udp, 17),
                1 => (TransportProtocol.Icmp, 1),
                58 => (TransportProtocol.Icmpv6, 58),
                _ => (TransportProtocol.Ip, stated),
            };
        }

        number = value < 0 ? (byte)0 : (byte)value;
        return value >= 0;
    }
}
