using System.Globalization;
using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Reads the packet Snort prints after a time stamp, in alerts and in its packet log (<c>log.c</c>'s
/// <c>PrintIPPkt</c>, Snort 1.5 to 2.9): the Ethernet addresses under <c>-e</c>
/// (<c>0:E0:D0:10:EF:7F -&gt; 0:20:78:14:1F:7B type:0x800 len:0x3E</c>), the address line
/// (<c>194.112.42.193:53 -&gt; MY.NET.1.1:53</c>, no ports for ICMP and fragments), the protocol line
/// (<c>TCP TTL:44 TOS:0x10 ID:242 IpLen:20 DgmLen:40 DF</c>; Snort 1.x has no lengths), IP options, fragment
/// line, then per protocol the TCP flags line (<c>***AP*** Seq: 0x1 Ack: 0x2 Win: 0x3 TcpLen: 20 UrgPtr: 0x0</c>)
/// and <c>TCP Options (3) =&gt; MSS: 1460 NOP WS: 0</c>, UDP's <c>Len: 46</c>, or ICMP's
/// <c>Type:8 Code:0 ID:1 Seq:2 ECHO</c> with the quoted <c>** ORIGINAL DATAGRAM DUMP:</c> of an error.
/// Works on tokens, so a record wrapped or flattened by a paste reads the same. Fields are set only when the
/// record states them; a value that does not parse makes the record malformed (the caller reports the returned
/// problem); words Snort prints without a field here (ICMP type names, <c>RB</c>, EtherType) are passed over.
/// </summary>
internal static class SnortPacketText
{
    public const string Arrow = "->";

    // Snort prints the IP header's fragment-offset field, which counts 8-byte units.
    private const int FragmentOffsetUnit = 8;
    private const int UdpHeaderLength = 8;
    private const int MaxHeaderLength = 60;
    private const int MacGroups = 6;

    // TCP option kinds (IANA) for the names Snort prints.
    private const byte TcpEnd = 0, TcpNop = 1, TcpMss = 2, TcpWindowScale = 3, TcpSackPermitted = 4, TcpSack = 5,
        TcpEcho = 6, TcpEchoReply = 7, TcpTimestamp = 8, TcpCc = 11, TcpCcNew = 12, TcpCcEcho = 13;

    // IPv4 option types (IANA) for the names Snort prints.
    private const byte IpEnd = 0, IpNop = 1, IpRecordRoute = 7, IpTimestamp = 68, IpSecurity = 130, IpLooseRoute = 131,
        IpStreamId = 136, IpStrictRoute = 137, IpRouterAlert = 148;

    /// <summary>
    /// Reads everything after the time stamp: Ethernet addresses, addresses, headers. Returns a problem, or
    /// null when the record read cleanly. <paramref name="addressesOptional"/> allows a record with no address
    /// line (a portscan status alert, which has no packet).
    /// </summary>
    public static string? ReadPacket(ref SnortTokenReader tokens, ref Observation o, bool addressesOptional)
    {
        ReadMacs(ref tokens, ref o);
        return ReadAddresses(ref tokens, ref o, addressesOptional, portsPossible: true) ?? ReadHeaders(ref tokens, ref o, inDump: false);
    }

    /// <summary>
    /// Reads <c>source[:port] -&gt; destination[:port]</c>. With <paramref name="optional"/>, a missing address line
    /// consumes nothing and is no problem. <paramref name="portsPossible"/> is false when the protocol is known to
    /// have no ports (ICMP in a fast alert), so an IPv6 address's last group is never taken for a port.
    /// </summary>
    public static string? ReadAddresses(ref SnortTokenReader tokens, ref Observation o, bool optional, bool portsPossible)
    {
        var start = tokens;
        if (!tokens.TryRead(out var from) || !tokens.TryRead(out var arrow) || !arrow.SequenceEqual(Arrow))
        {
            tokens = start;
            return optional ? null : "no 'source -> destination' address line after the time stamp";
        }

        if (!tokens.TryRead(out var to)) return "no destination after '->'";
        if (!TryReadEndpoint(from, portsPossible, out var source, out var sourcePort, out var sourceHasPort)
            || !TryReadEndpoint(to, portsPossible, out var destination, out var destinationPort, out var destinationHasPort))
        {
            return $"bad address line \"{from} -> {to}\"";
        }

        o.Source = source;
        o.Destination = destination;
        o.Set(ObservationFields.Source | ObservationFields.Destination);

        // Snort 1.x and 2.x print addresses with inet_ntoa: an anonymised token stands for an IPv4 address.
        o.IpVersion = source.Kind == HostAddressKind.IPv6 ? (byte)6 : (byte)4;
        o.Set(ObservationFields.IpVersion);
        if (sourceHasPort && destinationHasPort)
        {
            o.SourcePort = sourcePort;
            o.DestinationPort = destinationPort;
            o.Set(ObservationFields.Ports);
        }

        return null;
    }

    /// <summary>Reads Snort's unpadded Ethernet address (<c>%X:%X:%X:%X:%X:%X</c>, as <c>0:E0:D0:10:EF:7F</c>).</summary>
    public static bool TryParseMac(ReadOnlySpan<char> text, out MacAddress mac)
    {
        mac = default;
        ulong value = 0;
        var groups = 0;
        var at = 0;
        while (at <= text.Length)
        {
            var end = text[at..].IndexOf(':');
            var group = end < 0 ? text[at..] : text.Slice(at, end);
            if (group.Length is < 1 or > 2 || ++groups > MacGroups) return false;
            var octet = 0;
            foreach (var c in group)
            {
                if (!char.IsAsciiHexDigit(c)) return false;
                octet = (octet << 4) | HexValue(c);
            }

            value = (value << 8) | (uint)octet;
            if (end < 0) break;
            at += end + 1;
        }

        if (groups != MacGroups) return false;
        mac = new MacAddress(value);
        return true;
    }

    /// <summary>Skips a bracketed group (<c>[Classification: …]</c>, <c>[Xref =&gt; …]</c>) whose first token has been read.</summary>
    public static void SkipBracketGroup(ref SnortTokenReader tokens, ReadOnlySpan<char> first)
    {
        var token = first;
        while (!token.EndsWith(']') && tokens.TryRead(out token))
        {
        }
    }

    /// <summary>Reads the protocol line and the lines under it, to the end of the record (or of a quoted datagram).</summary>
    public static string? ReadHeaders(ref SnortTokenReader tokens, ref Observation o, bool inDump)
    {
        var problem = ReadProtocolLine(ref tokens, ref o, out var sawProtocolLine);
        if (problem is not null) return problem;

        var sawFlags = false;
        var sawIcmpId = false;
        var sawIcmpSequence = false;
        var fragmentOffset = 0;
        while (tokens.TryRead(out var token))
        {
            if (token.StartsWith('['))
            {
                SkipBracketGroup(ref tokens, token);
                continue;
            }

            if (token.SequenceEqual("**"))
            {
                if (tokens.TryExpect("END"))
                {
                    tokens.TryExpect("OF");
                    tokens.TryExpect("DUMP");
                    if (inDump) break;
                }
                else if (!inDump && tokens.TryExpect("ORIGINAL"))
                {
                    tokens.TryExpect("DATAGRAM");
                    tokens.TryExpect("DUMP:");
                    problem = ReadQuoted(ref tokens, ref o);
                    if (problem is not null) return problem;
                }

                continue;
            }

            if (tokens.TryPeek(out var next) && next.StartsWith("Seq:", StringComparison.Ordinal) && SnortTcpFlags.TryParse(token, out var flags))
            {
                o.TcpFlags = flags;
                sawFlags = true;
                continue;
            }

            var colon = token.IndexOf(':');
            var key = colon >= 0 ? token[..(colon + 1)] : token;
            switch (key)
            {
                case "Seq:":
                    // Snort writes the TCP sequence in hex ("Seq: 0xA1D95") and the ICMP echo sequence in decimal
                    // ("ID:39612   Seq:57072  ECHO").
                    if (!TryValueText(ref tokens, token, key, out var sequenceText)) return Bad(key, token);
                    if (sequenceText.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                    {
                        if (!TryHex(sequenceText, uint.MaxValue, out var sequence)) return Bad(key, sequenceText);
                        o.Sequence = (uint)sequence;
                        o.Set(ObservationFields.Sequence);
                    }
                    else
                    {
                        if (!TryDecimal(sequenceText, ushort.MaxValue, out var icmpSequence)) return Bad(key, sequenceText);
                        o.IcmpSequence = (ushort)icmpSequence;
                        sawIcmpSequence = true;
                    }

                    break;
                case "Ack:":
                    if (!TryHexValue(ref tokens, token, key, uint.MaxValue, out var acknowledgement)) return Bad(key, token);
                    o.Acknowledgement = (uint)acknowledgement;
                    o.Set(ObservationFields.Acknowledgement);
                    break;
                case "Win:":
                    if (!TryHexValue(ref tokens, token, key, ushort.MaxValue, out var window)) return Bad(key, token);
                    o.Window = (ushort)window;
                    o.Set(ObservationFields.Window);
                    break;
                case "TcpLen:":
                    if (!TryDecimalValue(ref tokens, token, key, MaxHeaderLength, out var tcpLength)) return Bad(key, token);
                    o.TcpHeaderLength = (byte)tcpLength;
                    o.Set(ObservationFields.TcpHeaderLength);
                    break;
                case "UrgPtr:":
                    if (!TryHexValue(ref tokens, token, key, ushort.MaxValue, out var urgent)) return Bad(key, token);
                    o.UrgentPointer = (ushort)urgent;
                    o.Set(ObservationFields.UrgentPointer);
                    break;
                case "Len:":
                    if (!TryDecimalValue(ref tokens, token, key, ushort.MaxValue, out var udpLength)) return Bad(key, token);
                    o.UdpLength = (ushort)udpLength;
                    o.Set(ObservationFields.UdpLength);
                    if (udpLength >= UdpHeaderLength)
                    {
                        o.PayloadLength = (int)udpLength - UdpHeaderLength;
                        o.Set(ObservationFields.PayloadLength);
                    }

                    break;
                case "Type:":
                    if (!TryDecimalValue(ref tokens, token, key, byte.MaxValue, out var icmpType)) return Bad(key, token);
                    o.IcmpType = (byte)icmpType;
                    o.Set(ObservationFields.IcmpType);
                    break;
                case "Code:":
                    if (!TryDecimalValue(ref tokens, token, key, byte.MaxValue, out var icmpCode)) return Bad(key, token);
                    o.IcmpCode = (byte)icmpCode;
                    break;
                case "ID:":
                    // The protocol line's ID is read above, so this is the ICMP echo identifier.
                    if (!TryDecimalValue(ref tokens, token, key, ushort.MaxValue, out var icmpId)) return Bad(key, token);
                    o.IcmpId = (ushort)icmpId;
                    sawIcmpId = true;
                    break;
                case "TCP" when tokens.NextIs("Options"):
                    problem = ReadTcpOptions(ref tokens, ref o);
                    if (problem is not null) return problem;
                    break;
                case "IP" when tokens.NextIs("Options"):
                    problem = ReadIpOptions(ref tokens, ref o);
                    if (problem is not null) return problem;
                    break;
                case "Frag" when tokens.TryPeek(out var word) && word.StartsWith("Offset:", StringComparison.Ordinal):
                    // "Frag Offset: 0x1F   Frag Size: 0x10"
                    tokens.TryRead(out word);
                    if (!TryHexValue(ref tokens, word, "Offset:", 0x1FFF, out var offset)) return Bad("Frag Offset:", word);
                    fragmentOffset = (int)offset * FragmentOffsetUnit;
                    break;
            }
        }

        if (sawProtocolLine)
        {
            o.FragmentOffset = fragmentOffset;
            o.Set(ObservationFields.DontFragment | ObservationFields.Fragment);
        }

        if (sawFlags) o.Set(ObservationFields.TcpFlags);
        if (sawIcmpId && sawIcmpSequence) o.Set(ObservationFields.IcmpIdSequence);

        // TCP payload as the headers state it, when Snort 2.x printed all three lengths and this is not a fragment.
        if (o.Protocol == TransportProtocol.Tcp && o.Has(ObservationFields.IpLength | ObservationFields.IpHeaderLength | ObservationFields.TcpHeaderLength)
            && fragmentOffset == 0 && !o.MoreFragments && o.IpLength - o.IpHeaderLength - o.TcpHeaderLength >= 0)
        {
            o.PayloadLength = o.IpLength - o.IpHeaderLength - o.TcpHeaderLength;
            o.Set(ObservationFields.PayloadLength);
        }

        return null;
    }

    // "TCP TTL:44 TOS:0x10 ID:242 IpLen:20 DgmLen:40 RB DF MF": each field once; a repeated key (Snort 1.x's
    // ICMP line starts with "ID:") ends the line.
    private static string? ReadProtocolLine(ref SnortTokenReader tokens, ref Observation o, out bool seen)
    {
        seen = false;
        var start = tokens;
        if (!tokens.TryRead(out var name) || !SnortLines.IsProtocolWord(name) || !tokens.TryPeek(out var ttl) || !ttl.StartsWith("TTL:", StringComparison.Ordinal))
        {
            tokens = start;
            return null;
        }

        seen = true;
        if (SnortProtocolNames.TryMap(name, out var protocol, out var number))
        {
            o.Protocol = protocol;
            o.IpProtocol = number;
            o.Set(ObservationFields.Protocol | ObservationFields.IpProtocol);
        }
        else
        {
            o.Protocol = TransportProtocol.Ip;
            o.Set(ObservationFields.Protocol);
        }

        var seenFields = ObservationFields.None;
        while (tokens.TryPeek(out var token))
        {
            var colon = token.IndexOf(':');
            var key = colon >= 0 ? token[..(colon + 1)] : token;
            var field = key switch
            {
                "TTL:" => ObservationFields.Ttl,
                "TOS:" => ObservationFields.Tos,
                "ID:" => ObservationFields.IpId,
                "IpLen:" => ObservationFields.IpHeaderLength,
                "DgmLen:" => ObservationFields.IpLength,
                "DF" => ObservationFields.DontFragment,
                "MF" => ObservationFields.Fragment,
                "RB" => ObservationFields.None,
                _ => (ObservationFields)ulong.MaxValue,
            };
            if (field == (ObservationFields)ulong.MaxValue || (field != ObservationFields.None && (seenFields & field) != 0)) break;
            seenFields |= field;
            tokens.TryRead(out token);
            ulong value;
            switch (key)
            {
                case "TTL:":
                    if (!TryDecimalValue(ref tokens, token, key, byte.MaxValue, out value)) return Bad(key, token);
                    o.Ttl = (byte)value;
                    o.Set(ObservationFields.Ttl);
                    break;
                case "TOS:":
                    if (!TryHexValue(ref tokens, token, key, byte.MaxValue, out value)) return Bad(key, token);
                    o.Tos = (byte)value;
                    o.Set(ObservationFields.Tos);
                    break;
                case "ID:":
                    if (!TryDecimalValue(ref tokens, token, key, ushort.MaxValue, out value)) return Bad(key, token);
                    o.IpId = (uint)value;
                    o.Set(ObservationFields.IpId);
                    break;
                case "IpLen:":
                    if (!TryDecimalValue(ref tokens, token, key, MaxHeaderLength, out value)) return Bad(key, token);
                    o.IpHeaderLength = (byte)value;
                    o.Set(ObservationFields.IpHeaderLength);
                    break;
                case "DgmLen:":
                    if (!TryDecimalValue(ref tokens, token, key, ushort.MaxValue, out value)) return Bad(key, token);
                    o.IpLength = (int)value;
                    o.Set(ObservationFields.IpLength);
                    break;
                case "DF":
                    o.DontFragment = true;
                    break;
                case "MF":
                    o.MoreFragments = true;
                    break;
            }
        }

        return null;
    }

    // "TCP Options (4) => MSS: 1460 NOP WS: 0 SackOK" (Snort 1.x: no count); the list runs to the end of its line or
    // to a word that names no option, and Snort 2.x continues a long one on a new "TCP Options => " line.
    private static string? ReadTcpOptions(ref SnortTokenReader tokens, ref Observation o)
    {
        tokens.TryRead(out _);
        var line = tokens.LastLine;
        if (!SkipOptionsArrow(ref tokens, line)) return "TCP Options line without '=>'";
        o.Set(ObservationFields.TcpOptions);
        var values = o.TcpOptions;
        while (tokens.TryPeek(out var option, out var at) && at == line)
        {
            tokens.TryRead(out option);
            ulong value;
            switch (option)
            {
                case "NOP":
                    o.TcpOptionList.Add(TcpNop);
                    break;
                case "EOL":
                    o.TcpOptionList.Add(TcpEnd);
                    break;
                case "SackOK":
                    o.TcpOptionList.Add(TcpSackPermitted);
                    o.Set(ObservationFields.SackPermitted);
                    break;
                case "MSS:":
                    if (!TryDecimalValue(ref tokens, option, "MSS:", ushort.MaxValue, out value)) return Bad("MSS:", option);
                    o.TcpOptionList.Add(TcpMss);
                    values = values with { Mss = (ushort)value };
                    o.Set(ObservationFields.Mss);
                    break;
                case "WS:":
                    if (!TryDecimalValue(ref tokens, option, "WS:", byte.MaxValue, out value)) return Bad("WS:", option);
                    o.TcpOptionList.Add(TcpWindowScale);
                    values = values with { WindowScale = (byte)value };
                    o.Set(ObservationFields.WindowScale);
                    break;
                case "TS:":
                    if (!TryDecimalValue(ref tokens, option, "TS:", uint.MaxValue, out value)
                        || !tokens.TryRead(out var echoText) || !TryDecimal(echoText, uint.MaxValue, out var echo))
                    {
                        return Bad("TS:", option);
                    }

                    o.TcpOptionList.Add(TcpTimestamp);
                    values = values with { TimestampValue = (uint)value, TimestampEcho = (uint)echo };
                    o.Set(ObservationFields.Timestamps);
                    break;
                case "Sack:":
                    o.TcpOptionList.Add(TcpSack);
                    tokens.TryRead(out _); // "left@right"
                    break;
                case "Echo:":
                    o.TcpOptionList.Add(TcpEcho);
                    tokens.TryRead(out _);
                    break;
                case "Echo" when tokens.TryExpect("Rep:"):
                    o.TcpOptionList.Add(TcpEchoReply);
                    tokens.TryRead(out _);
                    break;
                case "CC" or "CC:":
                    o.TcpOptionList.Add(TcpCc);
                    tokens.TryRead(out _);
                    break;
                case "CCNEW:":
                    o.TcpOptionList.Add(TcpCcNew);
                    tokens.TryRead(out _);
                    break;
                case "CCECHO:":
                    o.TcpOptionList.Add(TcpCcEcho);
                    tokens.TryRead(out _);
                    break;
                case "Opt":
                    // "Opt 30 (10): 0102 0304" or "Opt 30"
                    if (!TryReadOptionNumber(ref tokens, line, out var kind)) return Bad("Opt", option);
                    o.TcpOptionList.Add(kind);
                    break;
                default:
                    // Not an option name (a later Snort's, or text a paste ran on): the list ends here.
                    o.TcpOptions = values;
                    return null;
            }
        }

        o.TcpOptions = values;
        return null;
    }

    // "IP Options (2) => RR NOP" (Snort 1.x: no count); unknown options as "Opt 148: 0000".
    private static string? ReadIpOptions(ref SnortTokenReader tokens, ref Observation o)
    {
        tokens.TryRead(out _);
        var line = tokens.LastLine;
        if (!SkipOptionsArrow(ref tokens, line)) return "IP Options line without '=>'";
        o.Set(ObservationFields.IpOptions);
        while (tokens.TryPeek(out var option, out var at) && at == line)
        {
            tokens.TryRead(out option);
            byte type;
            switch (option)
            {
                case "EOL": type = IpEnd; break;
                case "NOP": type = IpNop; break;
                case "RR": type = IpRecordRoute; break;
                case "TS": type = IpTimestamp; break;
                case "SEC": type = IpSecurity; break;
                case "LSRR": type = IpLooseRoute; break;
                case "SID": type = IpStreamId; break;
                case "SSRR": type = IpStrictRoute; break;
                case "RTRALT": type = IpRouterAlert; break;
                case "Opt":
                    if (!TryReadOptionNumber(ref tokens, line, out type)) return Bad("Opt", option);
                    break;
                default:
                    return null;
            }

            o.IpOptionList.Add(type);
        }

        return null;
    }

    private static bool SkipOptionsArrow(ref SnortTokenReader tokens, int line)
    {
        if (tokens.TryPeek(out var count, out var at) && at == line && count.StartsWith('(') && count.EndsWith(')')) tokens.TryRead(out _);
        return tokens.TryPeek(out var arrow, out at) && at == line && arrow.SequenceEqual("=>") && tokens.TryRead(out _);
    }

    // After "Opt": the kind ("30" or "30:"), an optional "(length):", then hex data words to the end of the line.
    private static bool TryReadOptionNumber(ref SnortTokenReader tokens, int line, out byte kind)
    {
        kind = 0;
        if (!tokens.TryRead(out var number) || !TryDecimal(number.TrimEnd(':'), byte.MaxValue, out var value)) return false;
        kind = (byte)value;
        if (tokens.TryPeek(out var length, out var at) && at == line && length.StartsWith('(')) tokens.TryRead(out _);
        while (tokens.TryPeek(out var data, out at) && at == line && IsHexWord(data)) tokens.TryRead(out _);
        return true;
    }

    // The header an ICMP error quotes: address line, protocol line and transport line up to "** END OF DUMP".
    private static string? ReadQuoted(ref SnortTokenReader tokens, ref Observation o)
    {
        var inner = default(Observation);
        var problem = ReadAddresses(ref tokens, ref inner, optional: true, portsPossible: true) ?? ReadHeaders(ref tokens, ref inner, inDump: true);
        if (problem is not null) return "quoted datagram: " + problem;
        if (!inner.Has(ObservationFields.Source)) return null;

        var fields = QuotedFields.Addresses;
        if (inner.Has(ObservationFields.IpProtocol)) fields |= QuotedFields.IpProtocol;
        if (inner.Has(ObservationFields.IpId)) fields |= QuotedFields.IpId;
        if (inner.Has(ObservationFields.Ttl)) fields |= QuotedFields.Ttl;
        if (inner.Has(ObservationFields.Ports)) fields |= QuotedFields.Ports;
        if (inner.Has(ObservationFields.Sequence)) fields |= QuotedFields.Sequence;
        o.Quoted = new QuotedHeader(fields, inner.Source, inner.Destination, inner.Protocol, inner.IpProtocol, inner.IpId, inner.Ttl,
            inner.SourcePort, inner.DestinationPort, inner.Sequence);
        o.Set(ObservationFields.Quoted);
        return null;
    }

    private static void ReadMacs(ref SnortTokenReader tokens, ref Observation o)
    {
        var start = tokens;
        if (!tokens.TryRead(out var sourceText) || !TryParseMac(sourceText, out var source) || !tokens.TryExpect(Arrow)
            || !tokens.TryRead(out var destinationText) || !TryParseMac(destinationText, out var destination))
        {
            tokens = start;
            return;
        }

        o.SourceMac = source;
        o.DestinationMac = destination;
        o.Set(ObservationFields.SourceMac | ObservationFields.DestinationMac);

        // "type:0x800 len:0x3E": the EtherType and the frame's length on the wire. A text record has no frame to
        // measure, so the length stays out rather than pretend to be a capture's frame_len.
        while (tokens.TryPeek(out var token) && (token.StartsWith("type:", StringComparison.Ordinal) || token.StartsWith("len:", StringComparison.Ordinal)))
        {
            tokens.TryRead(out _);
        }
    }

    private static bool TryReadEndpoint(ReadOnlySpan<char> text, bool portsPossible, out HostAddress host, out ushort port, out bool hasPort)
    {
        port = 0;
        hasPort = false;
        var colon = text.LastIndexOf(':');
        if (portsPossible && colon > 0 && colon < text.Length - 1 && TryDecimal(text[(colon + 1)..], ushort.MaxValue, out var value))
        {
            // "2001:db8::1" must keep its last group: split an IPv6 text only where the part before is an address.
            var hostText = text[..colon];
            if (!hostText.Contains(':') || System.Net.IPAddress.TryParse(hostText, out _))
            {
                port = (ushort)value;
                hasPort = true;
                text = hostText;
            }
        }

        return HostAddress.TryParseOrToken(text, out host);
    }

    private static bool TryDecimalValue(ref SnortTokenReader tokens, ReadOnlySpan<char> token, ReadOnlySpan<char> key, ulong max, out ulong value)
    {
        value = 0;
        return TryValueText(ref tokens, token, key, out var text) && TryDecimal(text, max, out value);
    }

    private static bool TryHexValue(ref SnortTokenReader tokens, ReadOnlySpan<char> token, ReadOnlySpan<char> key, ulong max, out ulong value)
    {
        value = 0;
        return TryValueText(ref tokens, token, key, out var text) && TryHex(text, max, out value);
    }

    // Snort prints hex as 0x%X; the prefix is optional here.
    private static bool TryHex(ReadOnlySpan<char> text, ulong max, out ulong value)
    {
        value = 0;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        return text.Length is > 0 and <= 16
            && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && value <= max;
    }

    // "TTL:44" carries its value; "Seq: 0xA1D95" has it in the next token.
    private static bool TryValueText(ref SnortTokenReader tokens, ReadOnlySpan<char> token, ReadOnlySpan<char> key, out ReadOnlySpan<char> text)
    {
        text = token.Length > key.Length ? token[key.Length..] : default;
        return !text.IsEmpty || tokens.TryRead(out text);
    }

    private static bool TryDecimal(ReadOnlySpan<char> text, ulong max, out ulong value) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max;

    private static bool IsHexWord(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }

        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static string Bad(ReadOnlySpan<char> key, ReadOnlySpan<char> token) => $"bad {key.ToString().TrimEnd(':')} value in \"{token}\"";
}
