using System.Globalization;
using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// FreeBSD ipfw <c>log</c> lines, as <c>ipfw_log()</c> (sys/netpfil/ipfw/ip_fw_log.c, and ip_fw.c before ipfw2) writes
/// them: <c>ipfw: RULE ACTION PROTO SRC[:SPORT] DST[:DPORT] {in|out} via IFACE [FRAGMENT]</c> or <c>… [no if info]</c>.
/// ACTION is <c>Deny</c>, <c>Accept</c>, <c>Reset</c>, <c>Reject</c>, <c>Unreach N</c>, <c>Count</c>, <c>Divert N</c>,
/// <c>Forward to A[:P]</c> and the like; PROTO is <c>TCP</c>, <c>UDP</c>, <c>ICMP:type.code</c>, <c>ICMPv6:type.code</c> or
/// <c>P:number</c> (bare <c>ICMP</c>/<c>TCP</c> without ports on a later fragment); IPv6 addresses are bracketed.
/// Fragments read <c>Fragment = N</c> (offset in 8-byte units, ip_fw.c) or <c>(frag ID:LEN@OFFSET[+])</c> (ipfw2, offset in
/// bytes, <c>+</c> for MF). The rule number and action are the message. <c>ipfw: limit N reached on entry R</c> and
/// layer-2 (<c>MAC</c>) records carry no IP packet and are skipped; an <c>ipfw:</c> line that does not follow the
/// grammar is malformed.
/// </summary>
public sealed class IpfwFormat : ITextFormat
{
    private const string Marker = "ipfw:";
    private const int FragmentUnit = 8;
    private const int MaxMessageLength = 96;

    public string Name => "ipfw";

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        var syslog = SyslogLine.Parse(lines[0].Text);
        var message = syslog.Message;
        if (!message.StartsWith(Marker, StringComparison.Ordinal) || !(syslog.IsKernel || !syslog.HasStamp)) return TextDecodeResult.NotMine;
        var record = message[Marker.Length..].Trim();
        if (record.StartsWith("limit ", StringComparison.Ordinal)) return TextDecodeResult.Skipped("log limit notice, no packet");

        syslog.SetTimeAndSensor(context, ref observation);
        var problem = Decode(record, ref observation, out var layerTwo);
        if (layerTwo) return TextDecodeResult.Skipped("layer-2 (MAC) record, no IP packet");
        return problem is null ? TextDecodeResult.Decoded() : TextDecodeResult.Malformed(problem);
    }

    private static string? Decode(ReadOnlySpan<char> record, ref Observation o, out bool layerTwo)
    {
        layerTwo = false;
        var scanner = new TextScanner(record);
        if (!scanner.TryReadToken(out var rule) || !int.TryParse(rule, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return "ipfw record: no rule number";
        }

        // The action runs up to the protocol word: "Deny", "Unreach 3", "Forward to 10.0.0.1:8080".
        scanner.SkipSpaces();
        var actionStart = scanner.Position;
        var actionEnd = -1;
        ReadOnlySpan<char> protocolWord = default;
        var actionWord = ReadOnlySpan<char>.Empty;
        while (true)
        {
            var before = scanner.Position;
            if (!scanner.TryReadToken(out var token)) return "ipfw record: no protocol";
            if (actionWord.IsEmpty)
            {
                actionWord = token;
            }
            else if (IsProtocolWord(token))
            {
                actionEnd = before;
                protocolWord = token;
                break;
            }

            scanner.SkipSpaces();
        }

        var action = record[actionStart..actionEnd].TrimEnd();
        LogRecordFields.SetVerdict(ref o, VerdictOf(actionWord));
        SetMessage(ref o, rule, action);
        if (protocolWord.SequenceEqual("MAC"))
        {
            layerTwo = true;
            return null;
        }

        if (!TryReadProtocol(protocolWord, ref o, out var icmpType, out var icmpCode)) return "ipfw record: unreadable protocol";

        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var source) || !TrySplitHost(source, out var sourceHost, out var sourcePort, out var hasSourcePort))
        {
            return "ipfw record: no source address";
        }

        scanner.SkipSpaces();
        if (!scanner.TryReadToken(out var destination) || !TrySplitHost(destination, out var destinationHost, out var destinationPort, out var hasDestinationPort))
        {
            return "ipfw record: no destination address";
        }

        LogRecordFields.TrySetSource(ref o, sourceHost);
        LogRecordFields.TrySetDestination(ref o, destinationHost);
        LogRecordFields.SetIpVersion(ref o, o.Source.Kind == HostAddressKind.IPv6 ? (byte)6 : (byte)4);

        scanner.SkipSpaces();
        if (scanner.TryExpect("in via ") || scanner.TryExpect("out via "))
        {
            scanner.SkipSpaces();
            scanner.TryReadToken(out _);
        }
        else
        {
            scanner.TryExpect("[no if info]");
        }

        var later = ReadFragment(scanner.Rest.Trim(), ref o);
        if (later)
        {
            o.Protocol = TransportProtocol.Ip;
        }
        else if (o.Protocol is TransportProtocol.Tcp or TransportProtocol.Udp && hasSourcePort && hasDestinationPort)
        {
            LogRecordFields.SetPorts(ref o, sourcePort, destinationPort);
        }
        else if (o.Protocol is TransportProtocol.Icmp or TransportProtocol.Icmpv6 && icmpType >= 0)
        {
            LogRecordFields.SetIcmp(ref o, (byte)icmpType, (byte)icmpCode);
        }

        return null;
    }

    private static bool IsProtocolWord(ReadOnlySpan<char> token) =>
        token is "TCP" or "UDP" or "ICMP" or "ICMPv6" or "MAC" || token.StartsWith("ICMP:", StringComparison.Ordinal)
        || token.StartsWith("ICMPv6:", StringComparison.Ordinal) || token.StartsWith("P:", StringComparison.Ordinal);

    private static bool TryReadProtocol(ReadOnlySpan<char> word, ref Observation o, out int icmpType, out int icmpCode)
    {
        icmpType = icmpCode = -1;
        var colon = word.IndexOf(':');
        var name = colon < 0 ? word : word[..colon];
        var detail = colon < 0 ? default : word[(colon + 1)..];
        switch (name)
        {
            case "TCP":
                LogRecordFields.SetIpProtocol(ref o, LogRecordFields.Tcp);
                return true;
            case "UDP":
                LogRecordFields.SetIpProtocol(ref o, LogRecordFields.Udp);
                return true;
            case "ICMP" or "ICMPv6":
                LogRecordFields.SetIpProtocol(ref o, name.Length == 4 ? LogRecordFields.Icmp : LogRecordFields.Icmpv6);
                if (detail.IsEmpty) return true;
                var dot = detail.IndexOf('.');
                if (dot < 0 || !LogRecordFields.TryParseByte(detail[..dot], out var type) || !LogRecordFields.TryParseByte(detail[(dot + 1)..], out var code)) return false;
                icmpType = type;
                icmpCode = code;
                return true;
            case "P":
                if (!LogRecordFields.TryParseByte(detail, out var number)) return false;
                LogRecordFields.SetIpProtocol(ref o, number);
                return true;
            default:
                return false;
        }
    }

    // "1.2.3.4:80", "1.2.3.4", "[2001:db8::1]:80", "[2001:db8::1]".
    private static bool TrySplitHost(ReadOnlySpan<char> token, out ReadOnlySpan<char> host, out ushort port, out bool hasPort)
    {
        port = 0;
        hasPort = false;
        ReadOnlySpan<char> portText = default;
        if (token.StartsWith('['))
        {
            var close = token.IndexOf(']');
            if (close < 0)
            {
                host = default;
                return false;
            }

            host = token[1..close];
            if (close + 1 < token.Length)
            {
                if (token[close + 1] != ':') return false;
                portText = token[(close + 2)..];
            }
        }
        else
        {
            var colon = token.IndexOf(':');
            host = colon < 0 ? token : token[..colon];
            if (colon >= 0) portText = token[(colon + 1)..];
        }

        if (!portText.IsEmpty)
        {
            if (!LogRecordFields.TryParsePort(portText, out port)) return false;
            hasPort = true;
        }

        return !host.IsEmpty;
    }

    // Returns true for a later fragment (offset not 0), whose transport header is not in the packet.
    private static bool ReadFragment(ReadOnlySpan<char> rest, ref Observation o)
    {
        if (rest.StartsWith("Fragment = ", StringComparison.Ordinal))
        {
            // ip_fw.c states the offset only, in 8-byte units; MF is not logged.
            if (!LogRecordFields.TryParseUInt(rest["Fragment = ".Length..].Trim(), out var units) || units > 0x1FFF) return false;
            o.FragmentOffset = (int)units * FragmentUnit;
            o.Set(ObservationFields.FragmentOffset);
            return units != 0;
        }

        if (!rest.StartsWith("(frag ", StringComparison.Ordinal) || rest[^1] != ')') return false;
        var body = rest["(frag ".Length..^1];
        var colon = body.IndexOf(':');
        var at = body.IndexOf('@');
        if (colon < 0 || at < colon) return false;
        var more = body[^1] == '+';
        var offsetText = more ? body[(at + 1)..^1] : body[(at + 1)..];
        if (!LogRecordFields.TryParseUInt(offsetText, out var offset)) return false;
        var idText = body[..colon];
        var id = 0u;
        var idOk = o.IpVersion == 6
            ? uint.TryParse(idText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out id)
            : LogRecordFields.TryParseUInt(idText, out id);
        if (idOk)
        {
            o.IpId = id;
            o.Set(ObservationFields.IpId);
        }

        o.FragmentOffset = (int)offset;
        o.MoreFragments = more;
        o.Set(ObservationFields.Fragment);
        return offset != 0;
    }

    private static SensorVerdict VerdictOf(ReadOnlySpan<char> action) => action switch
    {
        "Deny" => SensorVerdict.Deny,

        // A packet with no rule matching it (f == NULL): refused as bogus.
        "Refuse" => SensorVerdict.Deny,
        "Reset" or "Reject" or "Unreach" or "Unreach6" => SensorVerdict.Reject,
        "Accept" => SensorVerdict.Accept,

        // Count, SkipTo, Pipe, Queue, Divert, Tee, Forward, Nat …: logged on the way, the fate is decided later.
        _ => SensorVerdict.Log,
    };

    private static void SetMessage(ref Observation o, ReadOnlySpan<char> rule, ReadOnlySpan<char> action)
    {
        Span<char> message = stackalloc char[MaxMessageLength];
        if (rule.Length + 1 + action.Length > message.Length)
        {
            LogRecordFields.SetMessage(ref o, action);
            return;
        }

        rule.CopyTo(message);
        message[rule.Length] = ' ';
        action.CopyTo(message[(rule.Length + 1)..]);
        LogRecordFields.SetMessage(ref o, message[..(rule.Length + 1 + action.Length)]);
    }
}
