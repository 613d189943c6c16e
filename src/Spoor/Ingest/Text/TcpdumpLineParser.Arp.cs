using Spoor.Evidence;

namespace Spoor.Ingest.Text;

internal static partial class TcpdumpLineParser
{
    private const ushort ArpRequest = 1;
    private const ushort ArpReply = 2;
    private const ushort RarpRequest = 3;
    private const ushort RarpReply = 4;

    // print-arp.c: 3.x "arp who-has 10.0.0.1 tell 10.0.0.2", "arp reply 10.0.0.1 is-at 0:1:2:3:4:5";
    // 4.x "Request who-has 10.0.0.1 (ff:ff:ff:ff:ff:ff) tell 10.0.0.2, length 28", "Reply 10.0.0.1 is-at …".
    // The sender's protocol address is the source, the target's the destination. Hardware addresses are not
    // kept: the observation holds them only as a pair, and a line names at most one.
    private static TextDecodeResult ReadArp(ReadOnlySpan<char> text, ref Observation o)
    {
        var s = new TextScanner(text);
        s.SkipSpaces();
        // -v: "Ethernet (len 6), IPv4 (len 4), Request …"
        if (s.TryExpect("Ethernet (len 6), IPv4 (len 4), ")) s.SkipSpaces();
        o.Protocol = TransportProtocol.Arp;
        o.Set(ObservationFields.Protocol);
        if (s.TryExpect("who-has ") || s.TryExpect("Request who-has "))
        {
            SetArpOperation(ref o, ArpRequest);
            if (!s.TryReadToken(out var target)) return Malformed("ARP request without the address asked for");
            SetArpHost(ref o, target.TrimEnd(','), source: false);
            s.SkipSpaces();
            if (s.Peek == '(')
            {
                s.TryReadUntil(')', out _);
                s.TryExpect(')');
                s.SkipSpaces();
            }

            if (s.TryExpect("tell ") && s.TryReadToken(out var sender)) SetArpHost(ref o, sender.TrimEnd(','), source: true);
            return TextDecodeResult.Decoded();
        }

        if (s.TryExpect("reply ") || s.TryExpect("Reply "))
        {
            SetArpOperation(ref o, ArpReply);
            if (s.TryReadToken(out var sender)) SetArpHost(ref o, sender, source: true);
            return TextDecodeResult.Decoded();
        }

        if (s.TryExpect("who-is ") || s.TryExpect("Reverse Request")) SetArpOperation(ref o, RarpRequest);
        else if (s.Rest.StartsWith("Reverse Reply") || s.Rest.Contains(" at ", StringComparison.Ordinal)) SetArpOperation(ref o, RarpReply);
        return TextDecodeResult.Decoded();
    }

    private static void SetArpOperation(ref Observation o, ushort operation)
    {
        o.ArpOperation = operation;
        o.Set(ObservationFields.ArpOperation);
    }

    private static void SetArpHost(ref Observation o, ReadOnlySpan<char> text, bool source)
    {
        if (!HostAddress.TryParseOrToken(text, out var host)) return;
        if (source)
        {
            o.Source = host;
            o.Set(ObservationFields.Source);
        }
        else
        {
            o.Destination = host;
            o.Set(ObservationFields.Destination);
        }
    }
}
