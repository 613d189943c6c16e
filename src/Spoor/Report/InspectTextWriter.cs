using System.Globalization;
using System.Text;
using Spoor.Evidence;

namespace Spoor.Report;

/// <summary>
/// Writes observations as text in the manner of <c>tcpdump -nn -v</c>: a header line with the IP fields
/// and an indented line with the transport, prefixed by the evidence reference and ISO time. For people
/// reading along; scripts use <see cref="InspectJsonlWriter"/>.
/// </summary>
public sealed class InspectTextWriter(TextWriter output)
{
    private readonly StringBuilder _line = new(256);

    public void Write(in Observation o)
    {
        var s = _line.Clear();
        s.Append(o.Evidence.Kind == EvidenceKind.Frame ? "frame " : "line ").Append(o.Evidence.Number).Append(' ');
        if (o.Has(ObservationFields.Time)) s.Append(o.Time.ToIsoString()).Append(' ');
        if (o.Has(ObservationFields.SourceMac)) s.Append(o.SourceMac.ToString());
        if (o.Has(ObservationFields.DestinationMac)) s.Append(" > ").Append(o.DestinationMac.ToString());
        if (o.Has(ObservationFields.SourceMac)) s.Append(", ");
        if (o.Has(ObservationFields.Vlan)) s.Append("vlan ").Append(o.Vlan.Outer).Append(o.Vlan.Count > 1 ? $"/{o.Vlan.Inner}" : string.Empty).Append(", ");

        if (o.Protocol == TransportProtocol.Arp)
        {
            AppendArp(s, o);
        }
        else if (o.Has(ObservationFields.IpVersion) || o.Has(ObservationFields.Source))
        {
            AppendIp(s, o);
            s.AppendLine().Append("    ");
            AppendTransport(s, o);
        }
        else
        {
            s.Append("non-IP frame, length ").Append(o.FrameLength);
        }

        output.WriteLine(s);
    }

    private static void AppendArp(StringBuilder s, in Observation o)
    {
        s.Append("ARP, ");
        s.Append(o.ArpOperation switch { 1 => "Request who-has ", 2 => "Reply ", _ => $"op {o.ArpOperation} " });
        if (o.Has(ObservationFields.ArpHardware))
        {
            if (o.ArpOperation == 1) s.Append(o.Destination).Append(" tell ").Append(o.Source);
            else s.Append(o.Source).Append(" is-at ").Append(o.ArpSenderMac);
        }
    }

    // Only what the record states: a log line without a TTL prints none, rather than "ttl 0".
    private static void AppendIp(StringBuilder s, in Observation o)
    {
        s.Append(o.IpVersion == 6 ? "IP6 (" : "IP (");
        var parts = 0;
        void Part(StringBuilder sb, string text)
        {
            if (parts++ > 0) sb.Append(", ");
            sb.Append(text);
        }

        if (o.Has(ObservationFields.Tos)) Part(s, (o.IpVersion == 6 ? "class 0x" : "tos 0x") + o.Tos.ToString("x", CultureInfo.InvariantCulture));
        if (o.Has(ObservationFields.FlowLabel) && o.FlowLabel != 0) Part(s, "flowlabel 0x" + o.FlowLabel.ToString("x5", CultureInfo.InvariantCulture));
        if (o.Has(ObservationFields.Ttl)) Part(s, (o.IpVersion == 6 ? "hlim " : "ttl ") + o.Ttl.ToString(CultureInfo.InvariantCulture));
        if (o.Has(ObservationFields.IpId)) Part(s, "id " + o.IpId.ToString(CultureInfo.InvariantCulture));
        if (o.Has(ObservationFields.FragmentOffset)) Part(s, "offset " + o.FragmentOffset.ToString(CultureInfo.InvariantCulture));
        if (o.IpVersion == 4 && o.Has(ObservationFields.DontFragment))
        {
            var flags = (o.DontFragment, o.MoreFragments) switch
            {
                (true, true) => "DF,+",
                (true, false) => "DF",
                (false, true) => "+",
                _ => "none",
            };
            Part(s, $"flags [{flags}]");
        }

        if (o.Has(ObservationFields.IpProtocol)) Part(s, $"proto {ProtocolLabel(o)} ({o.IpProtocol})");
        else if (o.Protocol != TransportProtocol.None) Part(s, "proto " + InspectJsonlWriter.ProtocolName(o.Protocol).ToUpperInvariant());
        if (o.Has(ObservationFields.IpLength)) Part(s, "length " + o.IpLength.ToString(CultureInfo.InvariantCulture));
        if (o.Has(ObservationFields.IpOptions)) Part(s, "options " + o.IpOptions.Length.ToString(CultureInfo.InvariantCulture));
        s.Append(')');
    }

    private static string ProtocolLabel(in Observation o) => o.IpProtocol switch
    {
        6 => "TCP",
        17 => "UDP",
        1 => "ICMP",
        58 => "ICMPv6",
        _ => "other",
    };

    private static void AppendTransport(StringBuilder s, in Observation o)
    {
        s.Append(o.Source);
        if (o.Has(ObservationFields.SourcePort)) s.Append('.').Append(o.SourcePort);
        s.Append(" > ").Append(o.Destination);
        if (o.Has(ObservationFields.DestinationPort)) s.Append('.').Append(o.DestinationPort);
        s.Append(": ");
        switch (o.Protocol)
        {
            case TransportProtocol.Tcp:
                s.Append("TCP");
                if (o.Has(ObservationFields.TcpFlags))
                {
                    s.Append(" Flags [").Append(TcpFlagsText.ToText(o.TcpFlags)).Append(']');
                    if ((o.TcpFlags & TcpFlags.ReservedBits) != 0) s.Append(" res 0x").Append(((int)(o.TcpFlags & TcpFlags.ReservedBits) >> 8).ToString("x", CultureInfo.InvariantCulture));
                }

                if (o.Has(ObservationFields.Sequence)) s.Append(", seq ").Append(o.Sequence);
                if (o.Has(ObservationFields.Acknowledgement) && ((o.TcpFlags & TcpFlags.Ack) != 0 || o.Acknowledgement != 0)) s.Append(", ack ").Append(o.Acknowledgement);
                if (o.Has(ObservationFields.Window)) s.Append(", win ").Append(o.Window);
                if (o.Has(ObservationFields.TcpOptions)) AppendTcpOptions(s, o);
                if (o.Has(ObservationFields.PayloadLength)) s.Append(", length ").Append(o.PayloadLength);
                break;
            case TransportProtocol.Udp:
                s.Append("UDP");
                if (o.Has(ObservationFields.PayloadLength)) s.Append(", length ").Append(o.PayloadLength);
                break;
            case TransportProtocol.Icmp or TransportProtocol.Icmpv6:
                s.Append(o.Protocol == TransportProtocol.Icmp ? "ICMP" : "ICMP6");
                if (o.Has(ObservationFields.IcmpType)) s.Append(" type ").Append(o.IcmpType).Append(" code ").Append(o.IcmpCode);
                if (o.Has(ObservationFields.IcmpIdSequence)) s.Append(", id ").Append(o.IcmpId).Append(", seq ").Append(o.IcmpSequence);
                if (o.Has(ObservationFields.Quoted)) AppendQuoted(s, o.Quoted);
                break;
            default:
                if (o.Has(ObservationFields.FragmentOffset) && o.FragmentOffset != 0) s.Append("fragment");
                else if (o.Has(ObservationFields.IpProtocol)) s.Append("ip-proto-").Append(o.IpProtocol);
                break;
        }

        if (o.Has(ObservationFields.Verdict)) s.Append(" [").Append(InspectJsonlWriter.VerdictName(o.Verdict)).Append(']');
        if (o.Has(ObservationFields.Message)) s.Append(" \"").Append(HostTokenTable.Text(o.MessageId)).Append('"');
        if (o.Has(ObservationFields.Duplicate)) s.Append(" (duplicate of ").Append(o.DuplicateOf).Append(" of input ").Append(o.DuplicateOf.Input).Append(')');
    }

    private static void AppendTcpOptions(StringBuilder s, in Observation o)
    {
        s.Append(", options [");
        var first = true;
        foreach (var kind in o.TcpOptionKinds)
        {
            if (!first) s.Append(',');
            first = false;
            s.Append(kind switch
            {
                0 => "eol",
                1 => "nop",
                2 => $"mss {o.TcpOptions.Mss}",
                3 => $"wscale {o.TcpOptions.WindowScale}",
                4 => "sackOK",
                8 => $"TS val {o.TcpOptions.TimestampValue} ecr {o.TcpOptions.TimestampEcho}",
                _ => $"opt-{kind}",
            });
        }

        s.Append(']');
    }

    private static void AppendQuoted(StringBuilder s, in QuotedHeader q)
    {
        if (q.Has(QuotedFields.Addresses))
        {
            s.Append(", for ").Append(q.Source);
            if (q.Has(QuotedFields.Ports)) s.Append('.').Append(q.SourcePort);
            s.Append(" > ");
        }
        else if (q.Has(QuotedFields.DestinationAddress))
        {
            s.Append(", for ? > ");
        }
        else
        {
            return;
        }

        s.Append(q.Destination);
        if (q.Has(QuotedFields.Ports) || q.Has(QuotedFields.DestinationPort)) s.Append('.').Append(q.DestinationPort);
        if (q.Has(QuotedFields.Addresses) || q.Has(QuotedFields.IpProtocol)) s.Append(' ').Append(InspectJsonlWriter.ProtocolName(q.Protocol));
    }
}
