using System.Globalization;
using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Ingest.Text;

/// <summary>
/// Cisco ASA, PIX and FWSM messages that describe a packet the firewall denied, dropped, passed by an access list, or
/// alerted on, as the ASA syslog message guide words them:
/// 106001 (inbound TCP denied, with flags), 106006/106007 (inbound UDP denied), 106012 (IP options), 106014 (ICMP),
/// 106015 (TCP without a connection, with flags), 106017 (land attack), 106021 (reverse-path check), 106022 (connection
/// spoof), 106010 (inbound/outbound denied), 106020 (teardrop fragment), 106023 (denied by access-group, ACL name as message), 106100 (access-list hit, <c>hit-cnt N</c> as the packet
/// count), 605004/605005 (management login denied/permitted), 710003/710005 (traffic to the box denied/discarded) and
/// 400000–400050 (IDS signatures). Endpoints read <c>[IFACE:]ADDRESS[/PORT]</c>; a port may be one of Cisco's keywords
/// (<c>ssh</c>, <c>www</c> …, knowledge table <c>cisco-ports.tsv</c>). The header is read by <see cref="CiscoLogHeader"/>
/// (the device's clock and zone preferred). Every other ASA message (failover, AAA, VPN, NAT, configuration …) is skipped
/// as not one of these records; a listed message that does not follow its grammar is malformed (the samples' documentation
/// templates, with placeholders such as <c>protocol</c> or <c>number</c>, end there).
/// </summary>
public sealed class CiscoAsaFormat : ITextFormat
{
    private const string NotDecoded = "ASA message that is not a deny, access-list or IDS record";
    private const int FirstIdsMessage = 400000;
    private const int LastIdsMessage = 400050;

    private static readonly RecordShapeTest ShapeTest = ShapeOf;

    private readonly RecordJoiner _joiner = new();

    public string Name => "cisco-asa";

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        var shape = _joiner.Gather(lines, ShapeTest, out var text, out var used);
        if (shape != RecordShape.Complete || !CiscoLogHeader.TryParse(text, out var header)) return TextDecodeResult.NotMine;
        if (!int.TryParse(header.Mnemonic, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return TextDecodeResult.Skipped(NotDecoded, used);

        var body = header.Body;
        string? problem;
        switch (id)
        {
            case 106001:
                problem = DecodeFromTo(body, "Inbound TCP connection denied from ", LogRecordFields.Tcp, SensorVerdict.Deny, ref observation);
                break;
            case 106006 or 106007:
                problem = DecodeFromTo(body, "Deny inbound UDP from ", LogRecordFields.Udp, SensorVerdict.Deny, ref observation);
                break;
            case 106010:
                problem = DecodeSourceDestination(body, false, ref observation);
                break;
            case 106012:
                problem = DecodeIpOptions(body, ref observation);
                break;
            case 106014:
                problem = DecodeIcmpDeny(body, ref observation);
                break;
            case 106015:
                problem = DecodeFromTo(body, "Deny TCP (no connection) from ", LogRecordFields.Tcp, SensorVerdict.Deny, ref observation);
                break;
            case 106017:
                problem = DecodeAddressesAfter(body, "Deny IP due to Land Attack from ", ref observation);
                break;
            case 106020:
                problem = DecodeTeardrop(body, ref observation);
                break;
            case 106021:
                problem = DecodeProtocolFrom(body, " reverse path check from ", ref observation);
                break;
            case 106022:
                problem = DecodeProtocolFrom(body, " connection spoof from ", ref observation);
                break;
            case 106023:
                problem = DecodeSourceDestination(body, true, ref observation);
                break;
            case 106100:
                problem = DecodeAccessList(body, ref observation);
                break;
            case 605004 or 605005:
                problem = DecodeToTheBox(body, id == 605004 ? "Login denied from " : "Login permitted from ", 0,
                    id == 605004 ? SensorVerdict.Deny : SensorVerdict.Accept, ref observation);
                break;
            case 710003 or 710005:
                problem = DecodeRequestToTheBox(body, id == 710003 ? " access denied by ACL from " : " request discarded from ",
                    id == 710003 ? SensorVerdict.Deny : SensorVerdict.Drop, ref observation);
                break;
            case >= FirstIdsMessage and <= LastIdsMessage:
                problem = DecodeIdsAlert(body, ref observation);
                break;
            default:
                return TextDecodeResult.Skipped(NotDecoded, used);
        }

        if (problem is not null) return TextDecodeResult.Malformed(problem, used);
        header.SetTime(context, ref observation);
        if (!observation.Has(ObservationFields.Message)) LogRecordFields.SetMessage(ref observation, header.Tag);
        return TextDecodeResult.Decoded(used);
    }

    private static RecordShape ShapeOf(ReadOnlySpan<char> text)
    {
        if (CiscoLogHeader.TryParse(text, out var header)) return CiscoFacilities.IsFirewall(header.Facility) ? RecordShape.Complete : RecordShape.NotMine;
        return CiscoLogHeader.IsHeaderWithoutMessage(text) ? RecordShape.Partial : RecordShape.NotMine;
    }

    // 106001, 106006, 106007, 106015: "<lead>A/p to B/p [flags F…] [on interface I | due to …]".
    private static string? DecodeFromTo(ReadOnlySpan<char> body, ReadOnlySpan<char> lead, byte protocol, SensorVerdict verdict, ref Observation o)
    {
        if (!body.StartsWith(lead, StringComparison.Ordinal)) return "ASA record: unexpected wording";
        var scanner = new TextScanner(body[lead.Length..]);
        if (!scanner.TryReadToken(out var source) || !TryReadEndpoint(source, false, out var sourceHost, out var sourcePort)) return "ASA record: no source address/port";
        scanner.SkipSpaces();
        if (!scanner.TryExpect("to ")) return "ASA record: no 'to'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var destination) || !TryReadEndpoint(destination, false, out var destinationHost, out var destinationPort))
        {
            return "ASA record: no destination address/port";
        }

        SetAddresses(ref o, sourceHost, destinationHost);
        LogRecordFields.SetIpProtocol(ref o, protocol);
        if (sourcePort >= 0 && destinationPort >= 0) LogRecordFields.SetPorts(ref o, (ushort)sourcePort, (ushort)destinationPort);

        scanner.SkipSpaces();
        if (protocol == LogRecordFields.Tcp && scanner.TryExpect("flags"))
        {
            var flags = TcpFlags.None;
            while (true)
            {
                scanner.SkipSpaces();
                var at = scanner.Position;
                if (!scanner.TryReadToken(out var word)) break;
                var flag = LogRecordFields.FlagOf(word);
                if (flag == TcpFlags.None)
                {
                    scanner.Position = at;
                    break;
                }

                flags |= flag;
            }

            LogRecordFields.SetTcpFlags(ref o, flags);
        }

        LogRecordFields.SetVerdict(ref o, verdict);
        return null;
    }

    // 106012: Deny IP from A to B, IP options: "Loose Src Routing"
    private static string? DecodeIpOptions(ReadOnlySpan<char> body, ref Observation o)
    {
        var problem = DecodeAddressesAfter(body, "Deny IP from ", ref o);
        if (problem is not null) return problem;
        var options = body.IndexOf("IP options:", StringComparison.Ordinal);
        if (options >= 0)
        {
            var name = body[(options + "IP options:".Length)..].Trim().Trim('"');
            var type = IpOptionType(name);
            if (type >= 0)
            {
                o.IpOptionList.Add((byte)type);
                o.Set(ObservationFields.IpOptions);
            }
        }

        return null;
    }

    // 106017 and the start of 106012: "<lead>A to B[,…]"; the packet's protocol is not named ("IP").
    private static string? DecodeAddressesAfter(ReadOnlySpan<char> body, ReadOnlySpan<char> lead, ref Observation o)
    {
        if (!body.StartsWith(lead, StringComparison.Ordinal)) return "ASA record: unexpected wording";
        var problem = ReadFromTo(body[lead.Length..], ref o);
        if (problem is not null) return problem;
        LogRecordFields.SetAnyIpProtocol(ref o);
        LogRecordFields.SetVerdict(ref o, SensorVerdict.Deny);
        return null;
    }

    // 106020: Deny IP teardrop fragment (size = N, offset = N) from A to B — the fragment's figures are checked, not kept
    // (the guide does not say whether the offset is in bytes or 8-byte units).
    private static string? DecodeTeardrop(ReadOnlySpan<char> body, ref Observation o)
    {
        var scanner = new TextScanner(body);
        if (!scanner.TryExpect("Deny IP teardrop fragment (size = ") || !scanner.TryReadInt(out _) || !scanner.TryExpect(", offset = ")
            || !scanner.TryReadInt(out _) || !scanner.TryExpect(") from "))
        {
            return "ASA teardrop record: size and offset are not numbers";
        }

        return DecodeAddressesAfter(scanner.Rest, default, ref o);
    }

    // 106021, 106022: "Deny PROTO reverse path check from A to B on interface I".
    private static string? DecodeProtocolFrom(ReadOnlySpan<char> body, ReadOnlySpan<char> phrase, ref Observation o)
    {
        if (!body.StartsWith("Deny ", StringComparison.Ordinal)) return "ASA record: unexpected wording";
        var at = body.IndexOf(phrase, StringComparison.Ordinal);
        if (at < 0) return "ASA record: unexpected wording";
        var protocolName = body["Deny ".Length..at].Trim();
        var problem = SetProtocol(protocolName, ref o);
        if (problem is not null) return problem;
        problem = ReadFromTo(body[(at + phrase.Length)..], ref o);
        if (problem is not null) return problem;
        LogRecordFields.SetVerdict(ref o, SensorVerdict.Deny);
        return null;
    }

    // 106014: Deny {inbound|outbound} icmp src IFACE:A dst IFACE:B (type N, code M)
    private static string? DecodeIcmpDeny(ReadOnlySpan<char> body, ref Observation o)
    {
        var scanner = new TextScanner(body);
        if (!scanner.TryExpect("Deny ")) return "ASA record: unexpected wording";
        scanner.SkipSpaces();
        if (!(scanner.TryExpect("inbound ") || scanner.TryExpect("outbound "))) return "ASA record: no direction";
        scanner.SkipSpaces();
        if (!scanner.TryExpect("icmp ")) return "ASA record: not icmp";
        var problem = ReadSourceDestination(ref scanner, ref o);
        if (problem is not null) return problem;
        LogRecordFields.SetIpProtocol(ref o, LogRecordFields.Icmp);
        scanner.SkipSpaces();
        if (!TryReadTypeCode(ref scanner, ref o)) return "ASA record: no (type N, code M)";
        LogRecordFields.SetVerdict(ref o, SensorVerdict.Deny);
        return null;
    }

    // 106023: Deny PROTO src IFACE:A[/p] dst IFACE:B[/p] [(type N, code M)] by access-group "ACL" [0x…, 0x…]
    // 106010: Deny {inbound|outbound} PROTO src IFACE:A[/p] dst IFACE:B[/p] [(type N, code M)]
    private static string? DecodeSourceDestination(ReadOnlySpan<char> body, bool accessGroup, ref Observation o)
    {
        var scanner = new TextScanner(body);
        if (!scanner.TryExpect("Deny ")) return "ASA record: unexpected wording";
        scanner.SkipSpaces();
        if (!accessGroup && !(scanner.TryExpect("inbound ") || scanner.TryExpect("outbound "))) return "ASA record: no direction";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var protocolName)) return "ASA record: no protocol";
        if (protocolName.SequenceEqual("protocol"))
        {
            scanner.SkipSpaces();
            if (!scanner.TryReadToken(out protocolName)) return "ASA record: no protocol number";
        }

        var problem = SetProtocol(protocolName, ref o);
        if (problem is not null) return problem;
        var sourcePort = -1;
        var destinationPort = -1;
        problem = ReadSourceDestination(ref scanner, ref o, ref sourcePort, ref destinationPort);
        if (problem is not null) return problem;
        if (o.Protocol is TransportProtocol.Tcp or TransportProtocol.Udp && sourcePort >= 0 && destinationPort >= 0)
        {
            LogRecordFields.SetPorts(ref o, (ushort)sourcePort, (ushort)destinationPort);
        }

        scanner.SkipSpaces();
        if (scanner.Peek == '(' && !TryReadTypeCode(ref scanner, ref o)) return "ASA record: unreadable (type N, code M)";
        LogRecordFields.SetVerdict(ref o, SensorVerdict.Deny);
        if (!accessGroup) return null;
        var group = scanner.Rest.IndexOf("access-group ", StringComparison.Ordinal);
        if (group < 0) return "ASA record: no access-group";
        scanner.Position += group + "access-group ".Length;
        if (!scanner.TryReadToken(out var acl)) return "ASA record: no access-group name";
        LogRecordFields.SetMessage(ref o, acl.Trim('"'));
        return null;
    }

    // 106100: access-list ACL {permitted|denied|est-allowed} PROTO IFACE/A(p) [(user)] -> IFACE/B(p) [(user)] hit-cnt N …
    private static string? DecodeAccessList(ReadOnlySpan<char> body, ref Observation o)
    {
        var scanner = new TextScanner(body);
        if (!scanner.TryExpect("access-list ")) return "ASA record: unexpected wording";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var acl)) return "ASA record: no access-list name";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var action)) return "ASA record: no action";
        var verdict = action switch
        {
            "denied" => SensorVerdict.Deny,
            "permitted" or "est-allowed" => SensorVerdict.Accept,
            _ => SensorVerdict.None,
        };
        if (verdict == SensorVerdict.None) return "ASA record: action is not permitted, denied or est-allowed";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var protocolName)) return "ASA record: no protocol";
        var problem = SetProtocol(protocolName, ref o);
        if (problem is not null) return problem;

        scanner.SkipSpaces();
        if (!TryReadSlashEndpoint(ref scanner, out var source, out var sourceNumber)) return "ASA record: unreadable source";
        SkipUserGroup(ref scanner);
        scanner.SkipSpaces();
        if (!scanner.TryExpect("->")) return "ASA record: no '->'";
        scanner.SkipSpaces();
        if (!TryReadSlashEndpoint(ref scanner, out var destination, out var destinationNumber)) return "ASA record: unreadable destination";
        SkipUserGroup(ref scanner);
        SetAddresses(ref o, source, destination);

        // For ICMP the two numbers in brackets are the type and the code.
        if (o.Protocol is TransportProtocol.Icmp or TransportProtocol.Icmpv6)
        {
            if (sourceNumber is >= 0 and <= byte.MaxValue && destinationNumber is >= 0 and <= byte.MaxValue)
            {
                LogRecordFields.SetIcmp(ref o, (byte)sourceNumber, (byte)destinationNumber);
            }
        }
        else if (o.Protocol is TransportProtocol.Tcp or TransportProtocol.Udp && sourceNumber >= 0 && destinationNumber >= 0)
        {
            LogRecordFields.SetPorts(ref o, (ushort)sourceNumber, (ushort)destinationNumber);
        }

        scanner.SkipSpaces();
        if (!scanner.TryExpect("hit-cnt ") || !scanner.TryReadInt(out var hits) || hits > uint.MaxValue) return "ASA record: no hit-cnt";
        LogRecordFields.SetPacketCount(ref o, (uint)hits);
        LogRecordFields.SetVerdict(ref o, verdict);
        LogRecordFields.SetMessage(ref o, acl);
        return null;
    }

    // 710003, 710005: "PROTO <phrase>A/p to IFACE:B/p".
    private static string? DecodeRequestToTheBox(ReadOnlySpan<char> body, ReadOnlySpan<char> phrase, SensorVerdict verdict, ref Observation o)
    {
        var at = body.IndexOf(phrase, StringComparison.Ordinal);
        if (at <= 0) return "ASA record: unexpected wording";
        var problem = SetProtocol(body[..at].Trim(), ref o);
        if (problem is not null) return problem;
        return DecodeToTheBox(body[(at + 1)..], phrase[1..], o.IpProtocol, verdict, ref o);
    }

    // 605004, 605005, and the rest of 710003/710005: "<lead>A/p to IFACE:B/p-or-keyword".
    private static string? DecodeToTheBox(ReadOnlySpan<char> body, ReadOnlySpan<char> lead, byte protocol, SensorVerdict verdict, ref Observation o)
    {
        if (!body.StartsWith(lead, StringComparison.Ordinal)) return "ASA record: unexpected wording";
        var scanner = new TextScanner(body[lead.Length..]);
        if (!scanner.TryReadToken(out var source) || !TryReadEndpoint(source, false, out var sourceHost, out var sourcePort)) return "ASA record: no source address/port";
        scanner.SkipSpaces();
        if (!scanner.TryExpect("to ")) return "ASA record: no 'to'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var destination) || !TryReadEndpoint(destination, true, out var destinationHost, out var destinationPort, out var keywordProtocol))
        {
            return "ASA record: no destination address/port";
        }

        SetAddresses(ref o, sourceHost, destinationHost);

        // A login names only the service; its keyword says TCP when the service runs on TCP alone (ssh, telnet).
        if (protocol == 0 && keywordProtocol != 0) LogRecordFields.SetIpProtocol(ref o, keywordProtocol);
        if (o.Protocol is TransportProtocol.Tcp or TransportProtocol.Udp && sourcePort >= 0 && destinationPort >= 0)
        {
            LogRecordFields.SetPorts(ref o, (ushort)sourcePort, (ushort)destinationPort);
        }

        LogRecordFields.SetVerdict(ref o, verdict);
        return null;
    }

    // 400000–400050: "IDS:2151 Large ICMP packet from A to B on interface I" (IPS: on newer releases).
    private static string? DecodeIdsAlert(ReadOnlySpan<char> body, ref Observation o)
    {
        var from = body.LastIndexOf(" from ", StringComparison.Ordinal);
        if (from < 0 || !(body.StartsWith("IDS:", StringComparison.Ordinal) || body.StartsWith("IPS:", StringComparison.Ordinal))) return "ASA IDS record: unexpected wording";
        var problem = ReadFromTo(body[(from + " from ".Length)..], ref o);
        if (problem is not null) return problem;
        LogRecordFields.SetVerdict(ref o, SensorVerdict.Alert);
        LogRecordFields.SetMessage(ref o, body[..from]);
        return null;
    }

    // "A to B[, …| on interface …]" with bare addresses.
    private static string? ReadFromTo(ReadOnlySpan<char> text, ref Observation o)
    {
        var scanner = new TextScanner(text);
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var source)) return "ASA record: no source address";
        scanner.SkipSpaces();
        if (!scanner.TryExpect("to ")) return "ASA record: no 'to'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var destination)) return "ASA record: no destination address";
        SetAddresses(ref o, source, destination.TrimEnd(','));
        return null;
    }

    private static string? ReadSourceDestination(ref TextScanner scanner, ref Observation o)
    {
        var sourcePort = -1;
        var destinationPort = -1;
        return ReadSourceDestination(ref scanner, ref o, ref sourcePort, ref destinationPort);
    }

    // "src IFACE:A[/p] dst IFACE:B[/p]"
    private static string? ReadSourceDestination(ref TextScanner scanner, ref Observation o, ref int sourcePort, ref int destinationPort)
    {
        scanner.SkipSpaces();
        if (!scanner.TryExpect("src ")) return "ASA record: no 'src'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var source) || !TryReadEndpoint(source, true, out var sourceHost, out sourcePort)) return "ASA record: unreadable source";
        scanner.SkipSpaces();
        if (!scanner.TryExpect("dst ")) return "ASA record: no 'dst'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var destination) || !TryReadEndpoint(destination, true, out var destinationHost, out destinationPort))
        {
            return "ASA record: unreadable destination";
        }

        SetAddresses(ref o, sourceHost, destinationHost);
        return null;
    }

    private static string? SetProtocol(ReadOnlySpan<char> name, ref Observation o)
    {
        if (name.Equals("IP", StringComparison.OrdinalIgnoreCase))
        {
            LogRecordFields.SetAnyIpProtocol(ref o);
            return null;
        }

        if (!LogRecordFields.TryParseIpProtocol(name, out var protocol)) return "ASA record: the protocol word is not a protocol name or number";
        LogRecordFields.SetIpProtocol(ref o, protocol);
        return null;
    }

    private static void SetAddresses(ref Observation o, ReadOnlySpan<char> source, ReadOnlySpan<char> destination)
    {
        if (LogRecordFields.TrySetSource(ref o, source)) LogRecordFields.SetIpVersionFrom(ref o, o.Source);
        LogRecordFields.TrySetDestination(ref o, destination);
    }

    private static bool TryReadEndpoint(ReadOnlySpan<char> token, bool hasInterface, out ReadOnlySpan<char> host, out int port) =>
        TryReadEndpoint(token, hasInterface, out host, out port, out _);

    // "[IFACE:]ADDRESS[/PORT-or-keyword]"; a port keyword Spoor does not know (or an anonymised "xxx") leaves the port absent.
    private static bool TryReadEndpoint(ReadOnlySpan<char> token, bool hasInterface, out ReadOnlySpan<char> host, out int port, out byte keywordProtocol)
    {
        port = -1;
        keywordProtocol = 0;
        if (hasInterface)
        {
            var colon = token.IndexOf(':');
            var interfaceName = colon < 0 ? default : token[..colon];

            // An IPv6 address without an interface starts with hex digits and holds more colons.
            if (colon > 0 && !(IsHex(interfaceName) && token[(colon + 1)..].Contains(':'))) token = token[(colon + 1)..];
        }

        var slash = token.IndexOf('/');
        host = slash < 0 ? token : token[..slash];
        if (slash >= 0)
        {
            var portText = token[(slash + 1)..];
            if (LogRecordFields.TryParsePort(portText, out var number))
            {
                port = number;
            }
            else if (PortNameTable.CiscoKeywords.TryLookup(portText, out var service))
            {
                port = service.Port;
                keywordProtocol = service.IpProtocol;
            }
        }

        return !host.IsEmpty;
    }

    // "IFACE/ADDRESS(NUMBER)" in 106100.
    private static bool TryReadSlashEndpoint(ref TextScanner scanner, out ReadOnlySpan<char> host, out int number)
    {
        host = default;
        number = -1;
        var rest = scanner.Rest;
        var open = rest.IndexOf('(');
        var space = rest.IndexOf(' ');
        if (open < 0 || (space >= 0 && space < open)) return false;
        var close = rest[open..].IndexOf(')');
        if (close < 0) return false;
        var endpoint = rest[..open];
        var slash = endpoint.IndexOf('/');
        host = slash < 0 ? endpoint : endpoint[(slash + 1)..];
        if (LogRecordFields.TryParsePort(rest[(open + 1)..(open + close)], out var value)) number = value;
        scanner.Position += open + close + 1;
        return !host.IsEmpty;
    }

    // "(LOCAL\user, sg-info)" after an endpoint when identity firewalling is on.
    private static void SkipUserGroup(ref TextScanner scanner)
    {
        var at = scanner.Position;
        scanner.SkipSpaces();
        if (scanner.Peek == '(' && scanner.TryReadUntil(')', out _)) scanner.TryExpect(')');
        else scanner.Position = at;
    }

    // "(type 8, code 0)"
    private static bool TryReadTypeCode(ref TextScanner scanner, ref Observation o)
    {
        var start = scanner.Position;
        if (!scanner.TryExpect("(type ") || !scanner.TryReadInt(out var type) || !scanner.TryExpect(", code ") || !scanner.TryReadInt(out var code)
            || !scanner.TryExpect(')') || type > byte.MaxValue || code > byte.MaxValue)
        {
            scanner.Position = start;
            return false;
        }

        if (o.Protocol is TransportProtocol.Icmp or TransportProtocol.Icmpv6) LogRecordFields.SetIcmp(ref o, (byte)type, (byte)code);
        return true;
    }

    // RFC 791 option types as the ASA names them in 106012.
    private static int IpOptionType(ReadOnlySpan<char> name) => name switch
    {
        "End of Options List" => 0,
        "No Operation" or "NOP" => 1,
        "Record Route" => 7,
        "Timestamp" => 68,
        "Security" => 130,
        "Loose Src Routing" => 131,
        "Stream ID" => 136,
        "Strict Src Routing" => 137,
        "Router Alert" => 148,
        _ => -1,
    };

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }

        return true;
    }
}
