using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Linux netfilter <c>LOG</c> target lines (iptables/ip6tables/nftables <c>log</c>), as the kernel's
/// nf_log_syslog writes them: an optional syslog (<c>Mmm dd hh:mm:ss host kernel:</c>) or RFC 3339 prefix,
/// an optional <c>[uptime]</c>, the rule's log prefix, then <c>IN= OUT= MAC= SRC= DST= LEN= TOS= PREC= TTL=
/// ID= [CE] [DF] [MF] [FRAG:n] [OPT (…)] PROTO=</c> and the protocol's fields (<c>SPT= DPT= [SEQ= ACK=]
/// WINDOW= RES= flags URGP= [OPT (…)]</c>, <c>LEN=</c> for UDP, <c>TYPE= CODE= [ID= SEQ=]</c> and a bracketed
/// quoted packet for ICMP errors). IPv6 lines have <c>TC= HOPLIMIT= FLOWLBL=</c>. The log prefix is kept as
/// the sensor's message and read for a verdict (DROP, REJECT, ACCEPT …).
/// </summary>
public sealed class NetfilterFormat : ITextFormat
{
    public string Name => "netfilter";

    public TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation)
    {
        var line = lines[0].Text;
        var inAt = FindField(line, "IN=");
        if (inAt < 0 || line.IndexOf(" OUT=", StringComparison.Ordinal) < 0 || FindField(line, "SRC=") < 0) return TextDecodeResult.NotMine;

        var header = new TextScanner(line[..inAt]);
        header.SkipSpaces();
        if (header.TryReadSyslogTime(context, out var time) || header.TryReadRfc3339(context, out time))
        {
            observation.Time = time;
            observation.Set(ObservationFields.Time);
            header.SkipSpaces();
            if (header.TryReadToken(out var host) && !host.SequenceEqual("kernel:"))
            {
                observation.SensorId = HostTokenTable.Intern(host);
                observation.Set(ObservationFields.Sensor);
            }
        }

        var prefix = header.Rest;
        var kernel = prefix.IndexOf("kernel:", StringComparison.Ordinal);
        if (kernel >= 0) prefix = prefix[(kernel + "kernel:".Length)..];
        prefix = prefix.Trim();
        if (prefix.StartsWith('['))
        {
            var close = prefix.IndexOf(']');
            if (close > 0) prefix = prefix[(close + 1)..].TrimStart();
        }

        if (!prefix.IsEmpty)
        {
            observation.MessageId = HostTokenTable.Intern(prefix);
            observation.Set(ObservationFields.Message);
        }

        observation.Verdict = VerdictOf(prefix);
        if (observation.Verdict != SensorVerdict.None) observation.Set(ObservationFields.Verdict);

        var fields = line[inAt..];
        var bracket = fields.IndexOf('[');
        var quoted = bracket >= 0 ? fields[(bracket + 1)..] : default;
        if (bracket >= 0) fields = fields[..bracket];

        if (!ReadFields(fields, ref observation, out var problem))
        {
            return TextDecodeResult.Malformed($"netfilter line: {problem}");
        }

        if (!quoted.IsEmpty)
        {
            var close = quoted.LastIndexOf(']');
            ReadQuoted(close >= 0 ? quoted[..close] : quoted, ref observation);
        }

        return TextDecodeResult.Decoded();
    }

    private static int FindField(ReadOnlySpan<char> line, ReadOnlySpan<char> key)
    {
        var at = 0;
        while (true)
        {
            var i = line[at..].IndexOf(key, StringComparison.Ordinal);
            if (i < 0) return -1;
            i += at;
            // The rule's log prefix runs straight into IN= when it has no trailing space ("(OUTPUT)IN=").
            if (i == 0 || !char.IsAsciiLetterOrDigit(line[i - 1])) return i;
            at = i + key.Length;
        }
    }

    private static SensorVerdict VerdictOf(ReadOnlySpan<char> prefix)
    {
        if (prefix.Contains("DROP", StringComparison.OrdinalIgnoreCase)) return SensorVerdict.Drop;
        if (prefix.Contains("REJECT", StringComparison.OrdinalIgnoreCase)) return SensorVerdict.Reject;
        if (prefix.Contains("DENY", StringComparison.OrdinalIgnoreCase) || prefix.Contains("BLOCK", StringComparison.OrdinalIgnoreCase)) return SensorVerdict.Deny;
        if (prefix.Contains("ACCEPT", StringComparison.OrdinalIgnoreCase) || prefix.Contains("ALLOW", StringComparison.OrdinalIgnoreCase)) return SensorVerdict.Accept;
        return SensorVerdict.Log;
    }

    private static bool ReadFields(ReadOnlySpan<char> fields, ref Observation o, out string? problem)
    {
        problem = null;
        var protocol = ReadOnlySpan<char>.Empty;
        var tcpFlags = TcpFlags.None;
        var sawFlagWord = false;
        var afterProto = false;
        var scanner = new TextScanner(fields);
        while (true)
        {
            scanner.SkipSpaces();
            if (!scanner.TryReadToken(out var token)) break;
            var eq = token.IndexOf('=');
            if (eq < 0)
            {
                // Bare words: IP flags before PROTO=, TCP flags after it; "OPT (" starts hex options.
                if (token.SequenceEqual("OPT"))
                {
                    // --log-tcp-options / --log-ip-options print the option bytes as hex: "OPT (020405B4…)".
                    scanner.SkipSpaces();
                    if (scanner.TryExpect('(') && scanner.TryReadUntil(')', out var hex) && afterProto && protocol.SequenceEqual("TCP"))
                    {
                        ReadTcpOptions(hex, ref o);
                    }

                    scanner.TryExpect(')');
                    continue;
                }

                if (!afterProto)
                {
                    if (token.SequenceEqual("DF")) o.DontFragment = true;
                    else if (token.SequenceEqual("MF")) o.MoreFragments = true;
                    else if (token.StartsWith("FRAG:") && int.TryParse(token[5..], out var frag)) o.FragmentOffset = frag * 8;
                }
                else
                {
                    var flag = FlagOf(token);
                    if (flag != TcpFlags.None)
                    {
                        tcpFlags |= flag;
                        sawFlagWord = true;
                    }
                }

                continue;
            }

            var key = token[..eq];
            var value = token[(eq + 1)..];
            switch (key)
            {
                case "MAC":
                    ReadMac(value, ref o);
                    break;
                case "SRC":
                    if (!HostAddress.TryParseOrToken(value, out var src)) { problem = "SRC= is empty"; return false; }
                    o.Source = src;
                    o.Set(ObservationFields.Source);
                    o.IpVersion = src.Kind == HostAddressKind.IPv6 ? (byte)6 : (byte)4;
                    o.Set(ObservationFields.IpVersion);
                    break;
                case "DST":
                    if (!HostAddress.TryParseOrToken(value, out var dst)) { problem = "DST= is empty"; return false; }
                    o.Destination = dst;
                    o.Set(ObservationFields.Destination);
                    break;
                case "LEN" when !afterProto:
                    if (TryInt(value, out var len)) { o.IpLength = len; o.Set(ObservationFields.IpLength); }
                    break;
                case "LEN" when afterProto:
                    if (TryInt(value, out var udpLen) && udpLen <= ushort.MaxValue)
                    {
                        o.UdpLength = (ushort)udpLen;
                        o.Set(ObservationFields.UdpLength);
                        if (udpLen >= 8) { o.PayloadLength = udpLen - 8; o.Set(ObservationFields.PayloadLength); }
                    }

                    break;
                // nf_log splits the IPv4 TOS byte: TOS= holds its 0x1E bits and PREC= its 0xE0 precedence bits (the
                // ECN bits are not printed), so the byte is their union. IPv6 TC= is the whole traffic class.
                case "TOS" or "PREC" or "TC":
                    if (TryHexOrInt(value, out var tos)) { o.Tos |= (byte)tos; o.Set(ObservationFields.Tos); }
                    break;
                case "TTL" or "HOPLIMIT":
                    if (TryInt(value, out var ttl)) { o.Ttl = (byte)ttl; o.Set(ObservationFields.Ttl); }
                    break;
                case "ID" when !afterProto:
                    if (TryInt(value, out var id)) { o.IpId = (uint)id; o.Set(ObservationFields.IpId); }
                    break;
                case "FLOWLBL":
                    if (TryInt(value, out var flow)) { o.FlowLabel = (uint)flow; o.Set(ObservationFields.FlowLabel); }
                    break;
                case "PROTO":
                    protocol = value;
                    afterProto = true;
                    SetProtocol(value, ref o);
                    break;
                case "SPT":
                    if (TryInt(value, out var spt)) { o.SourcePort = (ushort)spt; o.Set(ObservationFields.Ports); }
                    break;
                case "DPT":
                    if (TryInt(value, out var dpt)) { o.DestinationPort = (ushort)dpt; o.Set(ObservationFields.Ports); }
                    break;
                case "SEQ" when protocol.SequenceEqual("TCP"):
                    if (TryUInt(value, out var seq)) { o.Sequence = seq; o.Set(ObservationFields.Sequence); }
                    break;
                case "ACK":
                    if (TryUInt(value, out var ack)) { o.Acknowledgement = ack; o.Set(ObservationFields.Acknowledgement); }
                    break;
                case "WINDOW":
                    if (TryInt(value, out var window)) { o.Window = (ushort)window; o.Set(ObservationFields.Window); }
                    break;
                case "RES":
                    // The four bits between the data offset and CWR: three reserved and AE/NS.
                    if (TryHexOrInt(value, out var res)) tcpFlags |= (TcpFlags)((res & 0x0F) << 8);
                    sawFlagWord = true;
                    break;
                case "URGP":
                    if (TryInt(value, out var urg)) { o.UrgentPointer = (ushort)urg; o.Set(ObservationFields.UrgentPointer); }
                    break;
                case "TYPE":
                    if (TryInt(value, out var type)) { o.IcmpType = (byte)type; o.Set(ObservationFields.IcmpType); }
                    break;
                case "CODE":
                    if (TryInt(value, out var code)) o.IcmpCode = (byte)code;
                    break;
                case "ID" when afterProto:
                    if (TryInt(value, out var icmpId)) { o.IcmpId = (ushort)icmpId; o.Set(ObservationFields.IcmpIdSequence); }
                    break;
                case "SEQ":
                    if (TryInt(value, out var icmpSeq)) o.IcmpSequence = (ushort)icmpSeq;
                    break;
            }
        }

        if (o.Protocol == TransportProtocol.Tcp && sawFlagWord)
        {
            o.TcpFlags = tcpFlags;
            o.Set(ObservationFields.TcpFlags);
        }

        if (o.Has(ObservationFields.IpVersion) && o.IpVersion == 4)
        {
            o.Set(ObservationFields.DontFragment | ObservationFields.Fragment);
        }

        return true;
    }

    private static void ReadTcpOptions(ReadOnlySpan<char> hex, ref Observation o)
    {
        Span<byte> bytes = stackalloc byte[40];
        if (hex.Length % 2 != 0 || hex.Length / 2 > bytes.Length) return;
        bytes = bytes[..(hex.Length / 2)];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != bytes.Length) return;
        Decoding.TcpHeader.ReadOptions(bytes, 0, ref o);
    }

    private static void ReadQuoted(ReadOnlySpan<char> quoted, ref Observation o)
    {
        var inner = default(Observation);
        if (!ReadFields(quoted, ref inner, out _) || !inner.Has(ObservationFields.Source)) return;
        var fields = QuotedFields.Addresses;
        if (inner.Has(ObservationFields.IpProtocol)) fields |= QuotedFields.IpProtocol;
        if (inner.Has(ObservationFields.IpId)) fields |= QuotedFields.IpId;
        if (inner.Has(ObservationFields.Ttl)) fields |= QuotedFields.Ttl;
        if (inner.Has(ObservationFields.Ports)) fields |= QuotedFields.Ports;
        if (inner.Has(ObservationFields.Sequence)) fields |= QuotedFields.Sequence;
        o.Quoted = new QuotedHeader(fields, inner.Source, inner.Destination, inner.Protocol, inner.IpProtocol, inner.IpId, inner.Ttl,
            inner.SourcePort, inner.DestinationPort, inner.Sequence);
        o.Set(ObservationFields.Quoted);
    }

    private static void SetProtocol(ReadOnlySpan<char> value, ref Observation o)
    {
        (o.Protocol, o.IpProtocol) = value switch
        {
            "TCP" => (TransportProtocol.Tcp, (byte)6),
            "UDP" or "UDPLITE" => (TransportProtocol.Udp, value.Length == 3 ? (byte)17 : (byte)136),
            "ICMP" => (TransportProtocol.Icmp, (byte)1),
            "ICMPv6" => (TransportProtocol.Icmpv6, (byte)58),
            "IGMP" => (TransportProtocol.Ip, (byte)2),
            "GRE" => (TransportProtocol.Ip, (byte)47),
            "ESP" => (TransportProtocol.Ip, (byte)50),
            "AH" => (TransportProtocol.Ip, (byte)51),
            "SCTP" => (TransportProtocol.Ip, (byte)132),
            _ => (TransportProtocol.Ip, int.TryParse(value, out var n) ? (byte)n : (byte)0),
        };
        o.Set(ObservationFields.Protocol);
        if (o.IpProtocol != 0 || value.SequenceEqual("0")) o.Set(ObservationFields.IpProtocol);
    }

    private static TcpFlags FlagOf(ReadOnlySpan<char> word) => word switch
    {
        "CWR" => TcpFlags.Cwr,
        "ECE" => TcpFlags.Ece,
        "URG" => TcpFlags.Urg,
        "ACK" => TcpFlags.Ack,
        "PSH" => TcpFlags.Psh,
        "RST" => TcpFlags.Rst,
        "SYN" => TcpFlags.Syn,
        "FIN" => TcpFlags.Fin,
        _ => TcpFlags.None,
    };

    // MAC= holds destination (6 bytes), source (6 bytes) and EtherType (2 bytes) as colon-separated hex.
    private static void ReadMac(ReadOnlySpan<char> value, ref Observation o)
    {
        if (value.Length < 35) return;
        if (MacAddress.TryParse(value[..17], out var dst) && MacAddress.TryParse(value[18..35], out var src))
        {
            o.DestinationMac = dst;
            o.SourceMac = src;
            o.Set(ObservationFields.SourceMac | ObservationFields.DestinationMac);
        }
    }

    private static bool TryInt(ReadOnlySpan<char> value, out int result) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result);

    private static bool TryUInt(ReadOnlySpan<char> value, out uint result) =>
        uint.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result);

    private static bool TryHexOrInt(ReadOnlySpan<char> value, out int result)
    {
        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return int.TryParse(value[2..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out result);
        }

        return TryInt(value, out result);
    }
}
