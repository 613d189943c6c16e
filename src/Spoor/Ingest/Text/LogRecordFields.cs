using System.Globalization;
using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Setters shared by the firewall and sensor log formats: each writes one field the line states and sets its
/// presence bit, so a format never marks a field present that it did not read.
/// </summary>
internal static class LogRecordFields
{
    public const byte Icmp = 1;
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte Icmpv6 = 58;

    /// <summary>Sets the source from a host as the log writes it; false for empty text.</summary>
    public static bool TrySetSource(ref Observation o, ReadOnlySpan<char> text)
    {
        if (!HostAddress.TryParseOrToken(text, out var host)) return false;
        o.Source = host;
        o.Set(ObservationFields.Source);
        return true;
    }

    /// <summary>Sets the destination from a host as the log writes it; false for empty text.</summary>
    public static bool TrySetDestination(ref Observation o, ReadOnlySpan<char> text)
    {
        if (!HostAddress.TryParseOrToken(text, out var host)) return false;
        o.Destination = host;
        o.Set(ObservationFields.Destination);
        return true;
    }

    /// <summary>Sets the IP version a log states or implies (IPv4-only loggers such as ipchains).</summary>
    public static void SetIpVersion(ref Observation o, byte version)
    {
        o.IpVersion = version;
        o.Set(ObservationFields.IpVersion);
    }

    /// <summary>Sets the IP version when the address shows it (a literal IPv4 or IPv6 address, not a name or token).</summary>
    public static void SetIpVersionFrom(ref Observation o, HostAddress address)
    {
        if (address.Kind == HostAddressKind.IPv4) SetIpVersion(ref o, 4);
        else if (address.Kind == HostAddressKind.IPv6) SetIpVersion(ref o, 6);
    }

    /// <summary>Sets the IP protocol number and the contract's <c>proto</c> that follows from it.</summary>
    public static void SetIpProtocol(ref Observation o, byte number)
    {
        o.IpProtocol = number;
        o.Protocol = number switch
        {
            Tcp => TransportProtocol.Tcp,
            Udp => TransportProtocol.Udp,
            Icmp => TransportProtocol.Icmp,
            Icmpv6 => TransportProtocol.Icmpv6,
            _ => TransportProtocol.Ip,
        };
        o.Set(ObservationFields.IpProtocol | ObservationFields.Protocol);
    }

    /// <summary>Marks an IP packet whose protocol the log does not name (ASA "Deny IP …", an IDS alert on addresses alone).</summary>
    public static void SetAnyIpProtocol(ref Observation o)
    {
        o.Protocol = TransportProtocol.Ip;
        o.Set(ObservationFields.Protocol);
    }

    /// <summary>Reads a protocol as logs name it: a number or a keyword (tcp, udp, icmp, gre, esp …), any case.</summary>
    public static bool TryParseIpProtocol(ReadOnlySpan<char> text, out byte number)
    {
        if (byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number)) return true;
        Span<char> lower = stackalloc char[8];
        if (text.Length > lower.Length) return false;
        text.ToLowerInvariant(lower);
        number = lower[..text.Length] switch
        {
            "icmp" => Icmp,
            "igmp" => 2,
            "ipinip" or "ipip" => 4,
            "tcp" => Tcp,
            "egp" => 8,
            "igrp" => 9,
            "udp" => Udp,
            "ipv6" => 41,
            "rsvp" => 46,
            "gre" => 47,
            "esp" => 50,
            "ah" or "ahp" => 51,
            "icmpv6" or "icmp6" => Icmpv6,
            "eigrp" => 88,
            "ospf" => 89,
            "nos" => 94,
            "pim" => 103,
            "pcp" => 108,
            "vrrp" => 112,
            "l2tp" => 115,
            "sctp" => 132,
            _ => 0,
        };
        return number != 0;
    }

    public static void SetPorts(ref Observation o, ushort source, ushort destination)
    {
        o.SourcePort = source;
        o.DestinationPort = destination;
        o.Set(ObservationFields.Ports);
    }

    public static void SetSourcePort(ref Observation o, ushort port)
    {
        o.SourcePort = port;
        o.Set(ObservationFields.SourcePort);
    }

    public static void SetDestinationPort(ref Observation o, ushort port)
    {
        o.DestinationPort = port;
        o.Set(ObservationFields.DestinationPort);
    }

    public static void SetIcmp(ref Observation o, byte type, byte code)
    {
        o.IcmpType = type;
        o.IcmpCode = code;
        o.Set(ObservationFields.IcmpType);
    }

    public static void SetTcpFlags(ref Observation o, TcpFlags flags)
    {
        o.TcpFlags = flags;
        o.Set(ObservationFields.TcpFlags);
    }

    public static void SetVerdict(ref Observation o, SensorVerdict verdict)
    {
        o.Verdict = verdict;
        o.Set(ObservationFields.Verdict);
    }

    /// <summary>Interns the sensor's words for the record (allocates only for text never seen before).</summary>
    public static void SetMessage(ref Observation o, ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty) return;
        o.MessageId = HostTokenTable.Intern(text);
        o.Set(ObservationFields.Message);
    }

    public static void SetPacketCount(ref Observation o, uint packets)
    {
        o.PacketCount = packets;
        o.Set(ObservationFields.PacketCount);
    }

    public static void SetSourceMac(ref Observation o, MacAddress mac)
    {
        o.SourceMac = mac;
        o.Set(ObservationFields.SourceMac);
    }

    /// <summary>A TCP flag as logs spell it (<c>SYN</c>, <c>ACK</c> … any case); <see cref="TcpFlags.None"/> for other words.</summary>
    public static TcpFlags FlagOf(ReadOnlySpan<char> word)
    {
        Span<char> upper = stackalloc char[3];
        if (word.Length != 3) return TcpFlags.None;
        word.ToUpperInvariant(upper);
        return upper switch
        {
            "FIN" => TcpFlags.Fin,
            "SYN" => TcpFlags.Syn,
            "RST" => TcpFlags.Rst,
            "PSH" => TcpFlags.Psh,
            "ACK" => TcpFlags.Ack,
            "URG" => TcpFlags.Urg,
            "ECE" => TcpFlags.Ece,
            "CWR" => TcpFlags.Cwr,
            _ => TcpFlags.None,
        };
    }

    /// <summary>A decimal number 0–65535 with nothing else.</summary>
    public static bool TryParsePort(ReadOnlySpan<char> text, out ushort port) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port);

    /// <summary>A decimal number 0–255 with nothing else.</summary>
    public static bool TryParseByte(ReadOnlySpan<char> text, out byte value) =>
        byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>A non-negative decimal number with nothing else.</summary>
    public static bool TryParseUInt(ReadOnlySpan<char> text, out uint value) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
