using Spoor.Evidence;

namespace Spoor.Ingest.Text;

internal static partial class TcpdumpLineParser
{
    private const byte IcmpEchoReply = 0;
    private const byte IcmpUnreachable = 3;
    private const byte IcmpSourceQuench = 4;
    private const byte IcmpRedirect = 5;
    private const byte IcmpEchoRequest = 8;
    private const byte IcmpRouterAdvertisement = 9;
    private const byte IcmpRouterSolicitation = 10;
    private const byte IcmpTimeExceeded = 11;
    private const byte IcmpParameterProblem = 12;
    private const byte IcmpTimestampRequest = 13;
    private const byte IcmpTimestampReply = 14;
    private const byte IcmpInformationRequest = 15;
    private const byte IcmpInformationReply = 16;
    private const byte IcmpMaskRequest = 17;
    private const byte IcmpMaskReply = 18;

    // ICMP (print-icmp.c): the words tcpdump prints for each type and code, the header an error quotes (3.x -vv
    // "for A.p > B.q: [|tcp] [ttl 1] (id 43796)", 4.x -v "IP (…) A.p > B.q: …"), and 4.x's ", id N, seq N".
    // Words that name a type but not its code leave both out, since the observation holds them as a pair.
    private static TextDecodeResult ReadIcmp(ReadOnlySpan<char> words, bool modern, bool v6, ref Observation o, ref TcpdumpIpTrailer trailer)
    {
        var s = new TextScanner(words);
        SkipSeparators(ref s);
        var quoted = default(TcpdumpQuotedParts);
        if (v6) ReadIcmp6Words(ref s, ref o);
        else ReadIcmp4Words(ref s, ref o, ref quoted);

        var inner = default(TcpdumpIpTrailer);
        var haveInner = false;
        var outerStarted = false;
        long id = -1, seq = -1;
        while (true)
        {
            SkipSeparators(ref s);
            if (s.AtEnd) break;
            if (s.TryExpect("for "))
            {
                haveInner = ReadClassicQuoted(ref s, ref quoted);
                continue;
            }

            if (s.Rest.StartsWith("IP ") || s.Rest.StartsWith("IP6 "))
            {
                ReadModernQuoted(s.Rest, ref quoted);
                break;
            }

            if (modern && s.TryExpect("id "))
            {
                if (s.TryReadInt(out var n) && n <= ushort.MaxValue) id = n;
                continue;
            }

            if (modern && s.TryExpect("seq "))
            {
                if (s.TryReadInt(out var n) && n <= ushort.MaxValue) seq = n;
                continue;
            }

            if (TcpdumpIpTrailer.TryRead(ref s, out var item))
            {
                // After a quoted packet, its own trailer comes first; an item that does not follow it in
                // tcpdump's order (DF, tos, ttl, -v group) starts the outer header's trailer.
                if (haveInner && !outerStarted && (inner.Items == 0 || item.LastRank > inner.LastRank)) inner.Add(item);
                else
                {
                    outerStarted |= haveInner;
                    trailer.Add(item);
                }

                continue;
            }

            SkipToken(ref s);
        }

        // With a quoted packet and a single run of trailer items, which header they belong to is not certain:
        // nothing is implied for the outer one.
        if (haveInner && !outerStarted) trailer.Incomplete = true;
        if (haveInner)
        {
            if (inner.HasTtl) quoted.SetTtl(inner.Ttl);
            if (inner.HasId) quoted.SetIpId(inner.Id);
        }

        if (id >= 0 && seq >= 0)
        {
            o.IcmpId = (ushort)id;
            o.IcmpSequence = (ushort)seq;
            o.Set(ObservationFields.IcmpIdSequence);
        }

        if (quoted.Fields != QuotedFields.None)
        {
            o.Quoted = quoted.ToHeader();
            o.Set(ObservationFields.Quoted);
        }

        return TextDecodeResult.Decoded();
    }

    private static void ReadIcmp4Words(ref TextScanner s, ref Observation o, ref TcpdumpQuotedParts quoted)
    {
        if (s.TryExpect("echo request")) SetIcmp(ref o, IcmpEchoRequest, 0);
        else if (s.TryExpect("echo reply")) SetIcmp(ref o, IcmpEchoReply, 0);
        else if (s.TryExpect("time exceeded in-transit")) SetIcmp(ref o, IcmpTimeExceeded, 0);
        else if (s.TryExpect("ip reassembly time exceeded") || s.TryExpect("reassembly time exceeded")) SetIcmp(ref o, IcmpTimeExceeded, 1);
        else if (s.TryExpect("source quench")) SetIcmp(ref o, IcmpSourceQuench, 0);
        else if (s.TryExpect("router advertisement")) SetIcmp(ref o, IcmpRouterAdvertisement, 0);
        else if (s.TryExpect("router solicitation")) SetIcmp(ref o, IcmpRouterSolicitation, 0);
        else if (s.TryExpect("time stamp request") || s.TryExpect("time stamp query") || s.TryExpect("timestamp request")) SetIcmp(ref o, IcmpTimestampRequest, 0);
        else if (s.TryExpect("time stamp reply") || s.TryExpect("timestamp reply")) SetIcmp(ref o, IcmpTimestampReply, 0);
        else if (s.TryExpect("information request")) SetIcmp(ref o, IcmpInformationRequest, 0);
        else if (s.TryExpect("information reply")) SetIcmp(ref o, IcmpInformationReply, 0);
        else if (s.TryExpect("address mask request")) SetIcmp(ref o, IcmpMaskRequest, 0);
        else if (s.TryExpect("address mask is") || s.TryExpect("address mask reply")) SetIcmp(ref o, IcmpMaskReply, 0);
        else if (s.TryExpect("parameter problem - octet ")) SetIcmp(ref o, IcmpParameterProblem, 0);
        else if (s.TryExpect("parameter problem - code "))
        {
            if (s.TryReadInt(out var code) && code <= byte.MaxValue) SetIcmp(ref o, IcmpParameterProblem, (byte)code);
        }
        else if (s.Rest.StartsWith("redirect"))
        {
            // "redirect 10.0.0.9 to host 10.0.0.1": the first address is where the redirected packet was going.
            var tos = s.TryExpect("redirect-tos ");
            if (!tos && !s.TryExpect("redirect ")) return;
            if (!s.TryReadToken(out var target)) return;
            s.SkipSpaces();
            if (s.TryExpect("to net ")) SetIcmp(ref o, IcmpRedirect, tos ? (byte)2 : (byte)0);
            else if (s.TryExpect("to host ")) SetIcmp(ref o, IcmpRedirect, tos ? (byte)3 : (byte)1);
            quoted.SetDestinationText(target);
        }
        else
        {
            ReadUnreachable(ref s, ref o, ref quoted);
        }
    }

    // print-icmp.c's unreachable texts: "net X unreachable", "host X unreachable", "X protocol 17 unreachable",
    // "X udp port 53 unreachable", "X unreachable - need to frag (mtu 1500)", "host X unreachable - admin prohibited filter" …
    private static void ReadUnreachable(ref TextScanner s, ref Observation o, ref TcpdumpQuotedParts quoted)
    {
        var start = s.Position;
        var net = s.TryExpect("net ");
        var host = !net && s.TryExpect("host ");
        if (!s.TryReadToken(out var target))
        {
            s.Position = start;
            return;
        }

        s.SkipSpaces();
        if (!net && !host && s.TryExpect("protocol "))
        {
            if (!s.TryReadInt(out var protocol) || protocol > byte.MaxValue || !s.TryExpect(" unreachable"))
            {
                s.Position = start;
                return;
            }

            SetIcmp(ref o, IcmpUnreachable, 2);
            quoted.SetDestinationText(target);
            quoted.SetProtocol((byte)protocol);
            return;
        }

        if (!net && !host && (s.Rest.StartsWith("tcp port ") || s.Rest.StartsWith("udp port ")))
        {
            var udp = s.Rest[0] == 'u';
            s.Position += "tcp port ".Length;
            if (!s.TryReadToken(out var portText) || !TcpdumpEndpoint.TryReadPort(portText, out var port))
            {
                s.Position = start;
                return;
            }

            s.SkipSpaces();
            if (!s.TryExpect("unreachable"))
            {
                s.Position = start;
                return;
            }

            SetIcmp(ref o, IcmpUnreachable, 3);
            quoted.SetDestinationText(target);
            quoted.SetProtocol(udp ? (byte)17 : (byte)6);
            quoted.SetDestinationPort(port);
            return;
        }

        if (!s.TryExpect("unreachable"))
        {
            s.Position = start;
            return;
        }

        int code;
        if (!s.Rest.StartsWith(" - "))
        {
            code = net ? 0 : host ? 1 : -1;
        }
        else
        {
            s.Position += 3;
            code = UnreachableSuffixCode(ref s, net, host);
        }

        if (code < 0) return;
        SetIcmp(ref o, IcmpUnreachable, (byte)code);
        quoted.SetDestinationText(target);
    }

    private static int UnreachableSuffixCode(ref TextScanner s, bool net, bool host)
    {
        if (s.TryExpect("admin prohibited filter")) return 13;
        if (s.TryExpect("admin prohibited")) return net ? 9 : host ? 10 : -1;
        if (s.TryExpect("tos prohibited")) return net ? 11 : host ? 12 : -1;
        if (s.TryExpect("unknown")) return net ? 6 : host ? 7 : -1;
        if (s.TryExpect("need to frag")) return 4;
        if (s.TryExpect("source route failed")) return 5;
        if (s.TryExpect("source host isolated")) return 8;
        if (s.TryExpect("host precedence violation")) return 14;
        if (s.TryExpect("precedence cutoff")) return 15;
        if (s.TryExpect('#') && s.TryReadInt(out var code) && code <= byte.MaxValue) return (int)code;
        return -1;
    }

    // print-icmp6.c: the words for each type; unreachable codes by the word after "unreachable".
    private static void ReadIcmp6Words(ref TextScanner s, ref Observation o)
    {
        const byte unreachable = 1, tooBig = 2, timeExceeded = 3, parameterProblem = 4, echoRequest = 128, echoReply = 129,
            listenerQuery = 130, listenerReport = 131, listenerDone = 132, routerSolicitation = 133, routerAdvertisement = 134,
            neighborSolicitation = 135, neighborAdvertisement = 136, redirect = 137, listenerReportV2 = 143;
        if (s.TryExpect("echo request")) SetIcmp(ref o, echoRequest, 0);
        else if (s.TryExpect("echo reply")) SetIcmp(ref o, echoReply, 0);
        else if (s.TryExpect("router solicitation")) SetIcmp(ref o, routerSolicitation, 0);
        else if (s.TryExpect("router advertisement")) SetIcmp(ref o, routerAdvertisement, 0);
        else if (s.TryExpect("neighbor solicitation") || s.TryExpect("neighbor sol")) SetIcmp(ref o, neighborSolicitation, 0);
        else if (s.TryExpect("neighbor advertisement") || s.TryExpect("neighbor adv")) SetIcmp(ref o, neighborAdvertisement, 0);
        else if (s.TryExpect("redirect")) SetIcmp(ref o, redirect, 0);
        else if (s.TryExpect("packet too big")) SetIcmp(ref o, tooBig, 0);
        else if (s.TryExpect("time exceeded in-transit")) SetIcmp(ref o, timeExceeded, 0);
        else if (s.TryExpect("ip6 reassembly time exceeded") || s.TryExpect("reassembly time exceeded")) SetIcmp(ref o, timeExceeded, 1);
        else if (s.TryExpect("multicast listener report v2")) SetIcmp(ref o, listenerReportV2, 0);
        else if (s.TryExpect("multicast listener report")) SetIcmp(ref o, listenerReport, 0);
        else if (s.TryExpect("multicast listener query")) SetIcmp(ref o, listenerQuery, 0);
        else if (s.TryExpect("multicast listener done")) SetIcmp(ref o, listenerDone, 0);
        else if (s.TryExpect("parameter problem")) SetIcmp(ref o, parameterProblem, 0);
        else
        {
            var rest = s.Rest;
            var code = rest.Contains("unreachable route", StringComparison.Ordinal) ? 0
                : rest.Contains("unreachable prohibited", StringComparison.Ordinal) ? 1
                : rest.Contains("beyond scope", StringComparison.Ordinal) ? 2
                : rest.Contains("unreachable address", StringComparison.Ordinal) ? 3
                : rest.Contains("unreachable port", StringComparison.Ordinal) ? 4 : -1;
            if (code >= 0) SetIcmp(ref o, unreachable, (byte)code);
        }
    }

    // tcpdump 3.x -vv: "for 256.0.0.1.55690 > 24.8.89.239.32443: [|tcp]" — the quoted packet's endpoints and the
    // start of its transport; its trailer items follow and are sorted out by the caller.
    private static bool ReadClassicQuoted(ref TextScanner s, ref TcpdumpQuotedParts quoted)
    {
        if (!s.TryReadToken(out var source)) return false;
        s.SkipSpaces();
        if (!s.TryExpect('>')) return false;
        s.SkipSpaces();
        if (!s.TryReadToken(out var destination) || destination.Length < 2 || destination[^1] != ':') return false;
        destination = destination[..^1];
        s.SkipSpaces();
        var space = s.Rest.IndexOf(' ');
        var word = space < 0 ? s.Rest : s.Rest[..space];
        byte protocol = IsTcpTruncationMarker(word) || IsTcpFlagLetters(word) ? (byte)6
            : word.SequenceEqual("udp") || word.StartsWith("[|udp") ? (byte)17
            : word.SequenceEqual("icmp:") || word.StartsWith("[|icmp") ? (byte)1 : (byte)0;
        SetQuotedEndpoints(source, destination, protocol, ref quoted);

        // Pass over the quoted transport text up to its IP trailer.
        while (true)
        {
            s.SkipSpaces();
            if (s.AtEnd) break;
            var probe = s;
            if (TcpdumpIpTrailer.TryRead(ref probe, out _)) break;
            SkipToken(ref s);
        }

        return true;
    }

    // tcpdump 4.x -v: "IP (tos 0x0, ttl 1, id 1, offset 0, flags [none], proto UDP (17), length 40) A.p > B.q: …".
    private static void ReadModernQuoted(ReadOnlySpan<char> text, ref TcpdumpQuotedParts quoted)
    {
        var s = new TextScanner(text);
        var v6 = s.TryExpect("IP6 ");
        if (!v6) s.TryExpect("IP ");
        s.SkipSpaces();
        var header = default(Observation);
        if (s.Peek == '(')
        {
            var close = MatchingClose(s.Rest, 0);
            if (close < 0) return;
            ReadVerboseHeaderFields(s.Rest[1..close], v6 ? (byte)6 : (byte)4, ref header);
            s.Position += close + 1;
            s.SkipSpaces();
        }

        if (!s.TryReadToken(out var source)) return;
        s.SkipSpaces();
        if (!s.TryExpect('>')) return;
        s.SkipSpaces();
        if (!s.TryReadToken(out var destination) || destination.Length < 2 || destination[^1] != ':') return;
        destination = destination[..^1];
        var protocol = header.Has(ObservationFields.IpProtocol) ? header.IpProtocol : (byte)0;
        SetQuotedEndpoints(source, destination, protocol, ref quoted);
        if (header.Has(ObservationFields.Ttl)) quoted.SetTtl(header.Ttl);
        if (header.Has(ObservationFields.IpId) && !v6) quoted.SetIpId(header.IpId);
    }

    private static void SetQuotedEndpoints(ReadOnlySpan<char> source, ReadOnlySpan<char> destination, byte protocol, ref TcpdumpQuotedParts quoted)
    {
        if (protocol is 6 or 17 && TcpdumpEndpoint.TrySplit(source, out var src, out var sport) && TcpdumpEndpoint.TrySplit(destination, out var dst, out var dport))
        {
            quoted = default;
            quoted.SetAddresses(src, dst);
            quoted.SetPorts(sport, dport);
        }
        else if (HostAddress.TryParseOrToken(source, out src) && HostAddress.TryParseOrToken(destination, out dst))
        {
            quoted = default;
            quoted.SetAddresses(src, dst);
        }
        else
        {
            return;
        }

        if (protocol != 0) quoted.SetProtocol(protocol);
    }

    private static void SetIcmp(ref Observation o, byte type, byte code)
    {
        o.IcmpType = type;
        o.IcmpCode = code;
        o.Set(ObservationFields.IcmpType);
    }

    private static void SkipSeparators(ref TextScanner s)
    {
        while (!s.AtEnd && (s.Peek == ' ' || s.Peek == ',')) s.Position++;
    }
}
