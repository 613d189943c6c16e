using System.Globalization;
using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Reads one tcpdump text record (already joined from its physical lines) into an observation. Follows the
/// output of tcpdump's printers (tcpdump.org print-ip.c, print-tcp.c, print-udp.c, print-icmp.c, print-arp.c,
/// print-ether.c) from 3.x to 4.x: the time stamp, the <c>-e</c> link layer, <c>IP</c>/<c>IP6</c>/<c>ARP</c> or
/// the classic bare <c>src &gt; dst:</c>, the <c>-v</c> IP header, then the transport. Anything a line does not
/// state stays absent; words tcpdump prints that carry no field (checksums, application decodes) are passed
/// over; a line that is tcpdump's but cannot be read returns a malformed result with the reason.
/// </summary>
internal static partial class TcpdumpLineParser
{
    private const ushort EtherTypeIPv4 = 0x0800;
    private const ushort EtherTypeArp = 0x0806;
    private const ushort EtherTypeIPv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const int Ipv6HeaderLength = 40;
    private const int UdpHeaderLength = 8;

    // Protocols tcpdump prints on their own lines that carry no IP or ARP header.
    private static readonly string[] NonIpProtocols = ["STP", "LLDP", "CDPv1", "CDPv2", "LLC", "IPX", "EAPOL", "PPPoE", "802.1d", "loopback", "NetBEUI", "AARP"];

    /// <summary>Parses <paramref name="text"/>; <paramref name="complete"/> says the text did not end inside a construct.</summary>
    public static TextDecodeResult Parse(ReadOnlySpan<char> text, bool complete, TextDecodeContext context, ref Observation o, ref TcpdumpLineFacts facts)
    {
        var s = new TextScanner(text);
        s.SkipSpaces();
        if (!TcpdumpTime.TryRead(ref s, out var stamp)) return TextDecodeResult.NotMine;
        if (!stamp.TryMake(context, out var time)) return Malformed("the time stamp is not a valid date and time");
        o.Time = time;
        o.Set(ObservationFields.Time);
        s.SkipSpaces();
        ReadLinkLayer(ref s, ref o, ref facts);
        return ReadNetwork(s.Rest, complete, ref o, ref facts);
    }

    /// <summary>Whether the text after a time stamp is a tcpdump packet line (without touching any state).</summary>
    public static bool LooksLikePacket(ReadOnlySpan<char> line)
    {
        var s = new TextScanner(line);
        s.SkipSpaces();
        if (!TcpdumpTime.TryRead(ref s, out _)) return false;
        s.SkipSpaces();
        var scratch = default(Observation);
        var facts = default(TcpdumpLineFacts);
        ReadLinkLayer(ref s, ref scratch, ref facts);
        var body = s.Rest;
        if (body.StartsWith("IP ") || body.StartsWith("IP6 ") || body.StartsWith("ARP, ") || body.StartsWith("arp who-has ")
            || body.StartsWith("arp reply ") || body.StartsWith("rarp ") || facts.EtherType != 0)
        {
            return true;
        }

        // Classic: "src > dst:" (the destination's colon may end the line, as NBT lines do).
        var first = body.IndexOf(' ');
        if (first <= 0 || !body[first..].StartsWith(" > ")) return false;
        var after = body[(first + 3)..];
        var end = after.IndexOf(' ');
        var destination = end < 0 ? after : after[..end];
        return destination.Length > 1 && destination[^1] == ':';
    }

    /// <summary>A tcpdump line for a protocol without an IP or ARP header (<c>STP 802.1d, Config, …</c>): nothing to observe.</summary>
    public static bool IsNonIpPacket(ReadOnlySpan<char> line)
    {
        var s = new TextScanner(line);
        s.SkipSpaces();
        if (!TcpdumpTime.TryRead(ref s, out _)) return false;
        s.SkipSpaces();
        if (!s.TryReadToken(out var word)) return false;
        word = word.TrimEnd(',');
        foreach (var protocol in NonIpProtocols)
        {
            if (word.SequenceEqual(protocol)) return true;
        }

        return false;
    }

    private static TextDecodeResult ReadNetwork(ReadOnlySpan<char> body, bool complete, ref Observation o, ref TcpdumpLineFacts facts)
    {
        var s = new TextScanner(body);
        byte version = 0;
        if (s.TryExpect("IP6 "))
        {
            facts.Modern = true;
            version = 6;
        }
        else if (s.TryExpect("IP "))
        {
            facts.Modern = true;
            version = 4;
        }
        else if (s.TryExpect("ARP, ") || (facts.EtherType == EtherTypeArp && !s.Rest.StartsWith("arp ")))
        {
            return ReadArp(s.Rest, ref o);
        }
        else if (s.Rest.StartsWith("arp ") || s.Rest.StartsWith("rarp "))
        {
            s.TryReadToken(out _);
            return ReadArp(s.Rest, ref o);
        }
        else if (facts.EtherType == EtherTypeIPv6)
        {
            version = 6;
        }
        else if (facts.EtherType == EtherTypeIPv4 && facts.Modern)
        {
            version = 4;
        }

        s.SkipSpaces();
        var verboseHeader = false;
        if (s.Peek == '(')
        {
            if (!ReadVerboseHeader(ref s, version, ref o)) return Malformed("the verbose IP header \"(…)\" is not closed");
            verboseHeader = true;
            s.SkipSpaces();
        }

        if (!s.TryReadToken(out var source)) return Malformed("no addresses after the time stamp");
        s.SkipSpaces();
        if (!s.TryExpect('>')) return Malformed($"expected \"source > destination:\" after {Excerpt(source)}");
        s.SkipSpaces();
        if (!s.TryReadToken(out var destination) || destination[^1] != ':' || destination.Length < 2)
        {
            return Malformed("the destination address is not followed by ':'");
        }

        destination = destination[..^1];
        s.SkipSpaces();
        var result = ReadTransport(source, destination, s.Rest, version, complete, ref o, ref facts, out var trailer);
        if (result.Status != TextDecodeStatus.Observation) return result;

        if (version == 0) version = o.Source.Kind == HostAddressKind.IPv6 || o.Destination.Kind == HostAddressKind.IPv6 ? (byte)6 : (byte)4;
        if (!o.Has(ObservationFields.IpVersion))
        {
            o.IpVersion = version;
            o.Set(ObservationFields.IpVersion);
        }

        // DF, fragmentation and TOS are implied by their absence only on a complete tcpdump 3.x IPv4 line, and
        // never when the verbose header stated them already.
        var implied = complete && !facts.Modern && !verboseHeader && version == 4 && !trailer.Incomplete
            && !(facts.VeryVerbose && !trailer.HasTtl && !trailer.HasId);
        trailer.ApplyTo(ref o, implied);
        return result;
    }

    private static TextDecodeResult ReadTransport(ReadOnlySpan<char> source, ReadOnlySpan<char> destination, ReadOnlySpan<char> rest, byte version,
        bool complete, ref Observation o, ref TcpdumpLineFacts facts, out TcpdumpIpTrailer trailer)
    {
        trailer = default;
        var space = rest.IndexOf(' ');
        var word = space < 0 ? rest : rest[..space];
        var afterWord = space < 0 ? ReadOnlySpan<char>.Empty : rest[space..];
        var kind = Classify(word, rest, source, destination, o.Has(ObservationFields.IpProtocol) ? o.IpProtocol : (byte)0);
        var hasPorts = kind is TcpdumpTransportKind.TcpClassic or TcpdumpTransportKind.TcpModern or TcpdumpTransportKind.TcpQuick or TcpdumpTransportKind.Udp;
        if (hasPorts)
        {
            if (!TcpdumpEndpoint.TrySplit(source, out var src, out var sport) || !TcpdumpEndpoint.TrySplit(destination, out var dst, out var dport))
            {
                return Malformed($"expected host.port endpoints for {(kind == TcpdumpTransportKind.Udp ? "UDP" : "TCP")}, got {Excerpt(source)} > {Excerpt(destination)}");
            }

            SetAddresses(ref o, src, dst);
            o.SourcePort = sport;
            o.DestinationPort = dport;
            o.Set(ObservationFields.Ports);
        }
        else
        {
            if (!TcpdumpEndpoint.TryReadHost(source, out var src) || !TcpdumpEndpoint.TryReadHost(destination, out var dst))
            {
                return Malformed("empty address");
            }

            SetAddresses(ref o, src, dst);
        }

        var v6 = version == 6 || o.Source.Kind == HostAddressKind.IPv6 || o.Destination.Kind == HostAddressKind.IPv6;
        switch (kind)
        {
            case TcpdumpTransportKind.TcpClassic:
                SetProtocol(ref o, TransportProtocol.Tcp, 6);
                ReadClassicTcp(rest, complete, ref o, ref facts, ref trailer);
                break;
            case TcpdumpTransportKind.TcpModern:
                SetProtocol(ref o, TransportProtocol.Tcp, 6);
                ReadModernTcp(afterWord, ref o, ref facts);
                break;
            case TcpdumpTransportKind.TcpQuick:
                SetProtocol(ref o, TransportProtocol.Tcp, 6);
                ReadLengthWord(rest, "tcp ", ref o, ref trailer, udp: false);
                break;
            case TcpdumpTransportKind.Udp:
                SetProtocol(ref o, TransportProtocol.Udp, 17);
                ReadUdp(rest, ref o, ref facts, ref trailer);
                break;
            case TcpdumpTransportKind.IcmpClassic:
                SetProtocol(ref o, v6 ? TransportProtocol.Icmpv6 : TransportProtocol.Icmp, v6 ? (byte)58 : (byte)1);
                return ReadIcmp(afterWord, modern: false, v6, ref o, ref trailer);
            case TcpdumpTransportKind.IcmpModern:
                SetProtocol(ref o, v6 ? TransportProtocol.Icmpv6 : TransportProtocol.Icmp, v6 ? (byte)58 : (byte)1);
                // "ICMP echo request, …" and "ICMP6, echo request, …": the words start after "ICMP" or "ICMP6,".
                return ReadIcmp(rest[(rest.IndexOfAny(' ', ',') is var cut and >= 0 ? cut : rest.Length)..], modern: true, v6, ref o, ref trailer);
            default:
                ReadOtherIp(word, rest, ref o, ref trailer);
                break;
        }

        return TextDecodeResult.Decoded();
    }

    private static TcpdumpTransportKind Classify(ReadOnlySpan<char> word, ReadOnlySpan<char> rest, ReadOnlySpan<char> source, ReadOnlySpan<char> destination, byte statedProtocol)
    {
        if (word.SequenceEqual("icmp:") || word.SequenceEqual("icmp6:")) return TcpdumpTransportKind.IcmpClassic;
        if (word.SequenceEqual("ICMP") || word.StartsWith("ICMP6")) return TcpdumpTransportKind.IcmpModern;
        if (word.SequenceEqual("Flags")) return TcpdumpTransportKind.TcpModern;
        if (word.SequenceEqual("tcp")) return TcpdumpTransportKind.TcpQuick;
        if (word.SequenceEqual("UDP,") || word.SequenceEqual("udp") || word.StartsWith(">>>") || word.SequenceEqual("NBT")
            || rest.StartsWith("[udp sum ok]") || rest.StartsWith("[bad udp cksum") || word.StartsWith("[|udp") || word.SequenceEqual("[udp]"))
        {
            return TcpdumpTransportKind.Udp;
        }

        if (IsTcpFlagLetters(word) || IsTcpTruncationMarker(word)) return TcpdumpTransportKind.TcpClassic;
        if (word.StartsWith("[|icmp")) return TcpdumpTransportKind.IcmpClassic;

        // The verbose header named the protocol; tcpdump prints ports for TCP and UDP only.
        if (statedProtocol == 6 && TcpdumpEndpoint.LooksLikeHostAndPort(source)) return TcpdumpTransportKind.TcpClassic;
        if (statedProtocol == 17 && TcpdumpEndpoint.LooksLikeHostAndPort(source)) return TcpdumpTransportKind.Udp;

        // An application decode (DNS "12345+ A? …", SNMP, NTP …) after host.port endpoints: only UDP's printer
        // hands over to those without printing TCP flags first.
        if (!word.StartsWith("(frag") && TcpdumpEndpoint.LooksLikeHostAndPort(source) && TcpdumpEndpoint.LooksLikeHostAndPort(destination))
        {
            return TcpdumpTransportKind.Udp;
        }

        return TcpdumpTransportKind.OtherIp;
    }

    private static void ReadUdp(ReadOnlySpan<char> rest, ref Observation o, ref TcpdumpLineFacts facts, ref TcpdumpIpTrailer trailer)
    {
        var s = new TextScanner(rest);
        while (true)
        {
            s.SkipSpaces();
            if (s.AtEnd) break;
            if (TcpdumpIpTrailer.TryRead(ref s, out var item))
            {
                trailer.Add(item);
                continue;
            }

            // "udp 46" (3.x) and "UDP, length 46" (4.x) state the UDP length field minus its 8-byte header.
            if ((s.TryExpect("udp ") || s.TryExpect("UDP, length ")) && s.TryReadInt(out var length) && length <= ushort.MaxValue - UdpHeaderLength)
            {
                SetLength(ref o, (int)length, udp: true);
                continue;
            }

            if (s.Rest.StartsWith("[|"))
            {
                facts.TransportTruncated = true;
            }

            // print-smb.c writes the ">>> " before NBT decodes only with -vv.
            if (s.Rest.StartsWith(">>> ")) facts.VeryVerbose = true;

            SkipToken(ref s);
        }
    }

    // tcpdump -q: "tcp 517" / "udp 46", the transport payload length, then the IP trailer.
    private static void ReadLengthWord(ReadOnlySpan<char> rest, ReadOnlySpan<char> word, ref Observation o, ref TcpdumpIpTrailer trailer, bool udp)
    {
        var s = new TextScanner(rest);
        if (s.TryExpect(word) && s.TryReadInt(out var length) && length <= ushort.MaxValue - UdpHeaderLength) SetLength(ref o, (int)length, udp);
        while (true)
        {
            s.SkipSpaces();
            if (s.AtEnd) break;
            if (TcpdumpIpTrailer.TryRead(ref s, out var item)) trailer.Add(item);
            else SkipToken(ref s);
        }
    }

    private static void SetLength(ref Observation o, int payload, bool udp)
    {
        o.PayloadLength = payload;
        o.Set(ObservationFields.PayloadLength);
        if (!udp) return;
        o.UdpLength = (ushort)(payload + UdpHeaderLength);
        o.Set(ObservationFields.UdpLength);
    }

    // Non-TCP/UDP/ICMP payloads: "(frag 469:20@1480)" for later fragments, "ip-proto-47 20", "igmp …".
    private static void ReadOtherIp(ReadOnlySpan<char> word, ReadOnlySpan<char> rest, ref Observation o, ref TcpdumpIpTrailer trailer)
    {
        if (!o.Has(ObservationFields.IpProtocol))
        {
            if (word.StartsWith("ip-proto-") && byte.TryParse(word[9..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                o.IpProtocol = number;
                o.Set(ObservationFields.IpProtocol);
            }
            else
            {
                var known = KnownProtocolWord(word);
                if (known != 0)
                {
                    o.IpProtocol = known;
                    o.Set(ObservationFields.IpProtocol);
                }
            }
        }

        o.Protocol = TransportProtocol.Ip;
        o.Set(ObservationFields.Protocol);
        var s = new TextScanner(rest);
        while (true)
        {
            s.SkipSpaces();
            if (s.AtEnd) break;
            if (TcpdumpIpTrailer.TryRead(ref s, out var item))
            {
                trailer.Add(item);
                continue;
            }

            SkipToken(ref s);
        }
    }

    private static byte KnownProtocolWord(ReadOnlySpan<char> word) => word switch
    {
        "igmp" or "IGMP" => 2,
        "gre" or "GREv0," or "GREv1," => 47,
        "ESP" => 50,
        "AH" => 51,
        "sctp" or "sctp:" or "SCTP" => 132,
        "VRRPv2," or "VRRPv3," => 112,
        "OSPFv2," => 89,
        "PIMv2," => 103,
        _ => word.StartsWith("ESP(") ? (byte)50 : word.StartsWith("AH(") ? (byte)51 : (byte)0,
    };

    // "(tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)" (IPv4) and
    // "(class 0x10, flowlabel 0x12345, hlim 64, next-header TCP (6) payload length: 40)" (IPv6), tcpdump 3.9 on.
    private static bool ReadVerboseHeader(ref TextScanner s, byte version, ref Observation o)
    {
        var rest = s.Rest;
        var close = MatchingClose(rest, 0);
        if (close < 0) return false;
        ReadVerboseHeaderFields(rest[1..close], version, ref o);
        s.Position += close + 1;
        return true;
    }

    /// <summary>Reads the fields of a verbose IP header's parenthesised list into <paramref name="o"/>.</summary>
    private static void ReadVerboseHeaderFields(ReadOnlySpan<char> header, byte version, ref Observation o)
    {
        var s = new TextScanner(header);
        var sawFlags = false;
        var sawOffset = false;
        while (true)
        {
            while (!s.AtEnd && (s.Peek == ',' || s.Peek == ' ')) s.Position++;
            if (!s.TryReadToken(out var key)) break;
            if (key[^1] == ',') key = key[..^1];
            s.SkipSpaces();
            switch (key)
            {
                case "tos" or "class":
                    if (s.TryReadHex(out var tos) && tos <= byte.MaxValue)
                    {
                        o.Tos = (byte)tos;
                        o.Set(ObservationFields.Tos);
                    }

                    break;
                case "ttl" or "hlim":
                    if (s.TryReadInt(out var ttl) && ttl <= byte.MaxValue)
                    {
                        o.Ttl = (byte)ttl;
                        o.Set(ObservationFields.Ttl);
                    }

                    break;
                case "id":
                    if (s.TryReadInt(out var id) && id <= uint.MaxValue)
                    {
                        o.IpId = (uint)id;
                        o.Set(ObservationFields.IpId);
                    }

                    break;
                case "offset":
                    if (s.TryReadInt(out var offset) && offset <= ushort.MaxValue)
                    {
                        o.FragmentOffset = (int)offset;
                        sawOffset = true;
                    }

                    break;
                case "flags":
                    if (s.TryExpect('[') && s.TryReadUntil(']', out var flags))
                    {
                        o.DontFragment = flags.Contains("DF", StringComparison.Ordinal);
                        o.MoreFragments = flags.Contains('+');
                        sawFlags = true;
                    }

                    break;
                case "proto" or "next-header":
                    // "proto TCP (6)": the number in brackets is the protocol.
                    s.TryReadToken(out _);
                    s.SkipSpaces();
                    if (s.TryExpect('(') && s.TryReadInt(out var protocol) && protocol <= byte.MaxValue)
                    {
                        o.IpProtocol = (byte)protocol;
                        o.Set(ObservationFields.IpProtocol);
                    }

                    break;
                case "length":
                    if (s.TryReadInt(out var length) && length <= int.MaxValue)
                    {
                        o.IpLength = (int)length;
                        o.Set(ObservationFields.IpLength);
                    }

                    break;
                case "payload":
                    if (s.TryExpect("length:"))
                    {
                        s.SkipSpaces();
                        if (s.TryReadInt(out var payload) && payload <= int.MaxValue - Ipv6HeaderLength)
                        {
                            o.IpLength = (int)payload + Ipv6HeaderLength;
                            o.Set(ObservationFields.IpLength);
                        }
                    }

                    break;
                case "flowlabel":
                    if (s.TryReadHex(out var flow) && flow <= uint.MaxValue)
                    {
                        o.FlowLabel = (uint)flow;
                        o.Set(ObservationFields.FlowLabel);
                    }

                    break;
                case "options":
                    // "options (RR 1.2.3.4, NOP)": not listed, since the words do not give every type byte.
                    if (s.Peek == '(')
                    {
                        var end = MatchingClose(s.Rest, 0);
                        s.Position += end < 0 ? s.Rest.Length : end + 1;
                    }

                    break;
            }
        }

        if (version != 6 && sawFlags && sawOffset)
        {
            o.Set(ObservationFields.Fragment | ObservationFields.DontFragment);
        }
    }

    private static void SetAddresses(ref Observation o, HostAddress source, HostAddress destination)
    {
        o.Source = source;
        o.Destination = destination;
        o.Set(ObservationFields.Source | ObservationFields.Destination);
    }

    private static void SetProtocol(ref Observation o, TransportProtocol protocol, byte number)
    {
        o.Protocol = protocol;
        o.Set(ObservationFields.Protocol);
        if (!o.Has(ObservationFields.IpProtocol))
        {
            o.IpProtocol = number;
            o.Set(ObservationFields.IpProtocol);
        }
    }

    // tcpdump -e: 3.x "0:a0:c9:12:34:56 0:10:7b:aa:bb:cc ip 60: " (source, destination, type, length);
    // 4.x "00:a0:c9:12:34:56 > 00:10:7b:aa:bb:cc, ethertype IPv4 (0x0800), length 74: " with optional VLAN tags.
    private static void ReadLinkLayer(ref TextScanner s, ref Observation o, ref TcpdumpLineFacts facts)
    {
        var start = s.Position;
        if (!s.TryReadToken(out var first) || !TcpdumpMac.TryParse(first, out var firstMac, out var firstKnown))
        {
            s.Position = start;
            return;
        }

        s.SkipSpaces();
        if (s.TryExpect("> "))
        {
            if (!s.TryReadToken(out var second) || second[^1] != ',' || !TcpdumpMac.TryParse(second[..^1], out var secondMac, out var secondKnown)
                || !ReadModernEtherType(ref s, ref o, ref facts))
            {
                s.Position = start;
                return;
            }

            facts.Modern = true;
            SetMacs(ref o, firstMac, firstKnown, secondMac, secondKnown);
            return;
        }

        if (!s.TryReadToken(out var destination) || !TcpdumpMac.TryParse(destination, out var destinationMac, out var destinationKnown))
        {
            s.Position = start;
            return;
        }

        s.SkipSpaces();
        if (!s.TryReadToken(out var type))
        {
            s.Position = start;
            return;
        }

        s.SkipSpaces();
        if (!s.TryReadToken(out var length) || length[^1] != ':' || !int.TryParse(length[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            s.Position = start;
            return;
        }

        facts.EtherType = type switch
        {
            "ip" or "IP" or "0800" => EtherTypeIPv4,
            "arp" or "ARP" or "0806" => EtherTypeArp,
            "ip6" or "ipv6" or "IPv6" or "86dd" => EtherTypeIPv6,
            _ => (ushort)1,
        };
        s.SkipSpaces();
        SetMacs(ref o, firstMac, firstKnown, destinationMac, destinationKnown);
    }

    private static bool ReadModernEtherType(ref TextScanner s, ref Observation o, ref TcpdumpLineFacts facts)
    {
        while (true)
        {
            s.SkipSpaces();
            if (!s.TryExpect("ethertype ")) return false;
            s.TryReadToken(out var name);
            s.SkipSpaces();
            ushort type = 0;
            if (s.TryExpect('(') && s.TryReadHex(out var number) && number <= ushort.MaxValue)
            {
                type = (ushort)number;
                s.TryExpect(')');
            }

            if (type == 0)
            {
                type = name.TrimEnd(',') switch
                {
                    "IPv4" => EtherTypeIPv4,
                    "IPv6" => EtherTypeIPv6,
                    "ARP" => EtherTypeArp,
                    _ => 1,
                };
            }

            s.TryExpect(',');
            s.SkipSpaces();
            // ", length 78: " appears after the outer type only.
            if (s.TryExpect("length "))
            {
                if (!s.TryReadInt(out _) || !s.TryExpect(':')) return false;
                s.SkipSpaces();
            }

            if (type != EtherTypeVlan)
            {
                facts.EtherType = type;
                return true;
            }

            // "vlan 10, p 0, ethertype IPv4 (0x0800), ..."
            if (!s.TryExpect("vlan ") || !s.TryReadInt(out var vlan) || vlan > ushort.MaxValue) return false;
            o.Vlan = o.Vlan.Push((ushort)vlan);
            o.Set(ObservationFields.Vlan);
            s.TryExpect(',');
            s.SkipSpaces();
            if (s.TryExpect("p "))
            {
                s.TryReadInt(out _);
                s.TryExpect(',');
            }
        }
    }

    private static void SetMacs(ref Observation o, MacAddress source, bool sourceKnown, MacAddress destination, bool destinationKnown)
    {
        if (sourceKnown)
        {
            o.SourceMac = source;
            o.Set(ObservationFields.SourceMac);
        }

        if (destinationKnown)
        {
            o.DestinationMac = destination;
            o.Set(ObservationFields.DestinationMac);
        }
    }

    /// <summary>Index of the bracket closing the one at <paramref name="open"/>, counting nesting; −1 when unclosed.</summary>
    private static int MatchingClose(ReadOnlySpan<char> text, int open)
    {
        var opener = text[open];
        var closer = opener switch { '(' => ')', '[' => ']', '<' => '>', _ => '\0' };
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == opener) depth++;
            else if (text[i] == closer && --depth == 0) return i;
        }

        return -1;
    }

    private static void SkipToken(ref TextScanner s)
    {
        if (!s.TryReadToken(out _)) s.Position++;
    }

    private static bool TryUInt(ReadOnlySpan<char> text, out uint value) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryReadUInt(ref TextScanner s, out uint value)
    {
        var start = s.Position;
        if (s.TryReadInt(out var number) && number <= uint.MaxValue)
        {
            value = (uint)number;
            return true;
        }

        s.Position = start;
        value = 0;
        return false;
    }

    private static TextDecodeResult Malformed(string reason) => TextDecodeResult.Malformed($"tcpdump line: {reason}");

    private static string Excerpt(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "…");
}
