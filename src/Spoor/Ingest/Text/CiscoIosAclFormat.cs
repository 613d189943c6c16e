using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Cisco IOS access-list logging (the <c>log</c> / <c>log-input</c> keyword on an ACE), as Cisco's system message guide
/// gives it: <c>%SEC-6-IPACCESSLOGP: list ACL {denied|permitted} {tcp|udp} SRC(SPORT) [(IFACE [MAC])] -> DST(DPORT), N packet[s]</c>,
/// <c>…LOGDP</c> for ICMP (<c>SRC -> DST (TYPE/CODE)</c>), <c>…LOGNP</c> and <c>…LOGRP</c> for other protocols (a number or a
/// name, no ports), <c>…LOGS</c> for standard lists (<c>list 10 denied SRC N packets</c>: the source alone), and the IPv6
/// <c>%IPV6[_ACL]-6-ACCESSLOG*</c> forms. The header before the tag is read by <see cref="CiscoLogHeader"/> (the router's own
/// clock preferred over the syslog receiver's). <c>(IFACE MAC)</c> from <c>log-input</c> gives the source MAC of the frame;
/// <c>N packets</c> is how many packets the router folded into the line (it logs a flow's first packet, then a count every
/// few minutes). The ACL name is the message. Other IOS messages (link state, crypto, rsh attempts …) are skipped; an ACL
/// line that does not follow the grammar is malformed. A record wrapped over several lines is joined first.
/// </summary>
public sealed class CiscoIosAclFormat : ITextFormat
{
    private const string List = "list ";

    private static readonly RecordShapeTest ShapeTest = ShapeOf;

    private readonly RecordJoiner _joiner = new();

    public string Name => "cisco-ios-acl";

    private enum LogKind : byte
    {
        None,

        /// <summary>TCP/UDP with ports (P).</summary>
        Ports,

        /// <summary>ICMP with type/code (DP).</summary>
        Icmp,

        /// <summary>Any other protocol, no ports (NP, RP).</summary>
        Protocol,

        /// <summary>Standard list: the source alone (S).</summary>
        Standard,

        /// <summary>Logging rate-limited: a count of missed messages (RL).</summary>
        RateLimited,
    }

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        if (!_joiner.TryGatherWhole(lines, ShapeTest, "IOS access-list record cut short: no 'N packet(s)'", out var text, out var used, out var declined)) return declined;

        if (!CiscoLogHeader.TryParse(text, out var header)) return TextDecodeResult.NotMine;
        var kind = KindOf(header);
        if (kind == LogKind.None) return TextDecodeResult.Skipped("IOS message that is not an access-list record", used);
        if (kind == LogKind.RateLimited) return TextDecodeResult.Skipped("access-list logging rate-limit notice", used);

        header.SetTime(context, ref observation);
        var problem = Decode(header.Body, kind, CiscoFacilities.IsIpv6AccessList(header.Facility), ref observation);
        return problem is null ? TextDecodeResult.Decoded(used) : TextDecodeResult.Malformed(problem, used);
    }

    private static RecordShape ShapeOf(ReadOnlySpan<char> text)
    {
        if (!CiscoLogHeader.TryParse(text, out var header))
        {
            return CiscoLogHeader.IsHeaderWithoutMessage(text) ? RecordShape.Partial : RecordShape.NotMine;
        }

        if (CiscoFacilities.IsFirewall(header.Facility) || CiscoFacilities.IsIntrusionDetection(header.Facility)) return RecordShape.NotMine;
        var kind = KindOf(header);
        if (kind is LogKind.None or LogKind.RateLimited) return RecordShape.Complete;
        var body = header.Body.TrimEnd();
        return body.EndsWith(" packet", StringComparison.Ordinal) || body.EndsWith(" packets", StringComparison.Ordinal) ? RecordShape.Complete : RecordShape.Cut;
    }

    private static LogKind KindOf(in CiscoLogHeader header)
    {
        ReadOnlySpan<char> suffix;
        if (header.Facility.SequenceEqual("SEC") && header.Mnemonic.StartsWith("IPACCESSLOG", StringComparison.Ordinal))
        {
            suffix = header.Mnemonic["IPACCESSLOG".Length..];
        }
        else if (CiscoFacilities.IsIpv6AccessList(header.Facility) && header.Mnemonic.StartsWith("ACCESSLOG", StringComparison.Ordinal))
        {
            suffix = header.Mnemonic["ACCESSLOG".Length..];
        }
        else
        {
            return LogKind.None;
        }

        return suffix switch
        {
            "P" => LogKind.Ports,
            "DP" => LogKind.Icmp,
            "NP" or "RP" or "SP" => LogKind.Protocol,
            "S" => LogKind.Standard,
            "RL" => LogKind.RateLimited,
            _ => LogKind.None,
        };
    }

    private static string? Decode(ReadOnlySpan<char> body, LogKind kind, bool ipv6, ref Observation o)
    {
        var scanner = new TextScanner(body);
        if (!scanner.TryExpect(List)) return "IOS access-list record: no 'list'";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var acl)) return "IOS access-list record: no list name";
        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var action)) return "IOS access-list record: no action";
        var verdict = action switch
        {
            "denied" => SensorVerdict.Deny,
            "permitted" => SensorVerdict.Accept,
            _ => SensorVerdict.None,
        };
        if (verdict == SensorVerdict.None) return "IOS access-list record: action is neither 'denied' nor 'permitted'";

        LogRecordFields.SetIpVersion(ref o, ipv6 ? (byte)6 : (byte)4);
        scanner.SkipSpaces();
        if (kind != LogKind.Standard)
        {
            if (!scanner.TryReadToken(out var protocolName) || !LogRecordFields.TryParseIpProtocol(protocolName, out var protocol))
            {
                return "IOS access-list record: unreadable protocol";
            }

            // IPv6 lists say "icmp" for ICMPv6.
            if (ipv6 && protocol == LogRecordFields.Icmp) protocol = LogRecordFields.Icmpv6;
            LogRecordFields.SetIpProtocol(ref o, protocol);
            scanner.SkipSpaces();
        }

        if (!scanner.TryReadHost("( ,", out var source)) return "IOS access-list record: no source";
        o.Source = source;
        o.Set(ObservationFields.Source);
        var sourcePort = -1;
        if (scanner.Peek == '(' && !TryReadPort(ref scanner, out sourcePort)) return "IOS access-list record: unreadable source port";
        scanner.SkipSpaces();
        if (scanner.Peek == '(' && !TryReadInterface(ref scanner, ref o)) return "IOS access-list record: unclosed interface group";
        scanner.SkipSpaces();

        var destinationPort = -1;
        if (kind != LogKind.Standard)
        {
            if (!scanner.TryExpect("->")) return "IOS access-list record: no '->'";
            scanner.SkipSpaces();
            if (!scanner.TryReadHost("( ,", out var destination)) return "IOS access-list record: no destination";
            o.Destination = destination;
            o.Set(ObservationFields.Destination);
            if (scanner.Peek == '(' && !TryReadPort(ref scanner, out destinationPort)) return "IOS access-list record: unreadable destination port";
            scanner.SkipSpaces();
            if (scanner.Peek == '(' && !TryReadIcmp(ref scanner, ref o)) return "IOS access-list record: unreadable ICMP type/code";
            scanner.SkipSpaces();
            if (!scanner.TryExpect(',')) return "IOS access-list record: no ',' before the packet count";
            scanner.SkipSpaces();
        }

        if (!scanner.TryReadInt(out var packets) || packets > uint.MaxValue || !(scanner.TryExpect(" packets") || scanner.TryExpect(" packet")))
        {
            return "IOS access-list record: no packet count";
        }

        if (kind == LogKind.Ports && o.Protocol is TransportProtocol.Tcp or TransportProtocol.Udp && sourcePort >= 0 && destinationPort >= 0)
        {
            LogRecordFields.SetPorts(ref o, (ushort)sourcePort, (ushort)destinationPort);
        }

        LogRecordFields.SetVerdict(ref o, verdict);
        LogRecordFields.SetMessage(ref o, acl);
        LogRecordFields.SetPacketCount(ref o, (uint)packets);
        return null;
    }

    // "(80)" right after an address.
    private static bool TryReadPort(ref TextScanner scanner, out int port)
    {
        port = -1;
        var start = scanner.Position;
        if (!scanner.TryExpect('(') || !scanner.TryReadUntil(')', out var text) || !LogRecordFields.TryParsePort(text, out var value))
        {
            scanner.Position = start;
            return false;
        }

        scanner.TryExpect(')');
        port = value;
        return true;
    }

    // "(Ethernet0/1 000b.bf55.4c70)" from log-input: the input interface and the frame's source MAC (serial links have none).
    private static bool TryReadInterface(ref TextScanner scanner, ref Observation o)
    {
        scanner.TryExpect('(');
        if (!scanner.TryReadUntil(')', out var group)) return false;
        scanner.TryExpect(')');
        var space = group.IndexOf(' ');
        if (space > 0 && MacAddress.TryParse(group[(space + 1)..].Trim(), out var mac)) LogRecordFields.SetSourceMac(ref o, mac);
        return true;
    }

    // "(8/0)" after the destination of an ICMP record.
    private static bool TryReadIcmp(ref TextScanner scanner, ref Observation o)
    {
        var start = scanner.Position;
        scanner.TryExpect('(');
        if (!scanner.TryReadUntil(')', out var group))
        {
            scanner.Position = start;
            return false;
        }

        var slash = group.IndexOf('/');
        if (slash < 0 || !LogRecordFields.TryParseByte(group[..slash], out var type) || !LogRecordFields.TryParseByte(group[(slash + 1)..], out var code))
        {
            scanner.Position = start;
            return false;
        }

        scanner.TryExpect(')');
        if (o.Protocol is TransportProtocol.Icmp or TransportProtocol.Icmpv6) LogRecordFields.SetIcmp(ref o, type, code);
        return true;
    }
}
