using System.Text.Encodings.Web;
using System.Text.Json;
using Spoor.Evidence;

namespace Spoor.Report;

/// <summary>
/// Writes observations as JSON lines in the <c>spoor inspect --format jsonl</c> contract
/// (<c>docs/inspect-jsonl.md</c>): one object per record, fields the record lacks omitted. Formats into
/// stack buffers and a reused <see cref="Utf8JsonWriter"/>, so writing costs no allocation per record.
/// </summary>
public sealed class InspectJsonlWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;

    public InspectJsonlWriter(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(output, Options);
    }

    public void Write(in Observation o)
    {
        var j = _json;
        j.WriteStartObject();
        j.WriteNumber("input", o.Evidence.Input);
        j.WriteNumber(o.Evidence.Kind == EvidenceKind.Frame ? "frame" : "line", o.Evidence.Number);
        if (o.Has(ObservationFields.Time)) WriteTime(j, "time", o.Time);
        if (o.Evidence.Kind == EvidenceKind.Frame)
        {
            if (o.Has(ObservationFields.FrameLength))
            {
                j.WriteNumber("frame_len", o.FrameLength);
                j.WriteNumber("cap_len", o.CapturedLength);
            }

            if (o.Has(ObservationFields.Interface)) j.WriteNumber("interface", o.InterfaceId);
            if (o.Has(ObservationFields.LinkType)) j.WriteNumber("link_type", o.LinkType);
        }

        if (o.Has(ObservationFields.SourceMac)) WriteMac(j, "src_mac", o.SourceMac);
        if (o.Has(ObservationFields.DestinationMac)) WriteMac(j, "dst_mac", o.DestinationMac);
        if (o.Has(ObservationFields.Vlan))
        {
            j.WriteStartArray("vlan");
            j.WriteNumberValue(o.Vlan.Outer);
            if (o.Vlan.Count > 1) j.WriteNumberValue(o.Vlan.Inner);
            j.WriteEndArray();
        }

        if (o.Has(ObservationFields.IpVersion)) j.WriteNumber("ip_version", o.IpVersion);
        if (o.Has(ObservationFields.Source)) WriteHost(j, "src", o.Source);
        if (o.Has(ObservationFields.Destination)) WriteHost(j, "dst", o.Destination);
        if (o.Has(ObservationFields.IpProtocol)) j.WriteNumber("ip_proto", o.IpProtocol);
        if (o.Protocol != TransportProtocol.None) j.WriteString("proto", ProtocolName(o.Protocol));
        if (o.Has(ObservationFields.Ttl)) j.WriteNumber("ttl", o.Ttl);
        if (o.Has(ObservationFields.Tos)) j.WriteNumber("tos", o.Tos);
        if (o.Has(ObservationFields.IpId)) j.WriteNumber("ip_id", o.IpId);
        if (o.Has(ObservationFields.IpLength)) j.WriteNumber("ip_len", o.IpLength);
        if (o.Has(ObservationFields.IpHeaderLength)) j.WriteNumber("ip_hlen", o.IpHeaderLength);
        if (o.Has(ObservationFields.IpOptions)) WriteBytes(j, "ip_options", o.IpOptions);
        if (o.Has(ObservationFields.FragmentOffset)) j.WriteNumber("frag_offset", o.FragmentOffset);
        if (o.Has(ObservationFields.MoreFragments)) j.WriteBoolean("more_fragments", o.MoreFragments);

        if (o.Has(ObservationFields.DontFragment)) j.WriteBoolean("dont_fragment", o.DontFragment);
        if (o.Has(ObservationFields.FlowLabel)) j.WriteNumber("flow_label", o.FlowLabel);
        if (o.Has(ObservationFields.SourcePort)) j.WriteNumber("sport", o.SourcePort);
        if (o.Has(ObservationFields.DestinationPort)) j.WriteNumber("dport", o.DestinationPort);

        if (o.Has(ObservationFields.TcpFlags))
        {
            Span<char> letters = stackalloc char[8];
            j.WriteString("flags", letters[..TcpFlagsText.Format(o.TcpFlags, letters)]);
            j.WriteNumber("tcp_flags_raw", (int)o.TcpFlags);
        }

        if (o.Has(ObservationFields.Sequence)) j.WriteNumber("seq", o.Sequence);
        if (o.Has(ObservationFields.Acknowledgement)) j.WriteNumber("ack", o.Acknowledgement);
        if (o.Has(ObservationFields.Window)) j.WriteNumber("window", o.Window);
        if (o.Has(ObservationFields.UrgentPointer)) j.WriteNumber("urg_ptr", o.UrgentPointer);
        if (o.Has(ObservationFields.TcpHeaderLength)) j.WriteNumber("tcp_hlen", o.TcpHeaderLength);
        if (o.Has(ObservationFields.TcpOptions)) WriteBytes(j, "tcp_options", o.TcpOptionKinds);
        if (o.Has(ObservationFields.Mss)) j.WriteNumber("mss", o.TcpOptions.Mss);
        if (o.Has(ObservationFields.WindowScale)) j.WriteNumber("wscale", o.TcpOptions.WindowScale);
        if (o.Has(ObservationFields.SackPermitted)) j.WriteBoolean("sack_perm", true);
        if (o.Has(ObservationFields.Timestamps))
        {
            j.WriteNumber("ts_val", o.TcpOptions.TimestampValue);
            j.WriteNumber("ts_ecr", o.TcpOptions.TimestampEcho);
        }

        if (o.Has(ObservationFields.PayloadLength)) j.WriteNumber("payload_len", o.PayloadLength);
        if (o.Has(ObservationFields.UdpLength)) j.WriteNumber("udp_len", o.UdpLength);
        if (o.Has(ObservationFields.PayloadHead)) WriteHex(j, "payload_head", o.PayloadHead);
        if (o.Has(ObservationFields.IcmpType))
        {
            j.WriteNumber("icmp_type", o.IcmpType);
            j.WriteNumber("icmp_code", o.IcmpCode);
        }

        if (o.Has(ObservationFields.IcmpIdSequence))
        {
            j.WriteNumber("icmp_id", o.IcmpId);
            j.WriteNumber("icmp_seq", o.IcmpSequence);
        }

        if (o.Has(ObservationFields.Quoted)) WriteQuoted(j, o.Quoted);
        if (o.Has(ObservationFields.ArpOperation)) j.WriteNumber("arp_op", o.ArpOperation);
        if (o.Has(ObservationFields.ArpHardware))
        {
            WriteMac(j, "arp_sha", o.ArpSenderMac);
            WriteMac(j, "arp_tha", o.ArpTargetMac);
        }

        if (o.Has(ObservationFields.Sensor)) j.WriteString("sensor", HostTokenTable.Text(o.SensorId));
        if (o.Has(ObservationFields.Verdict)) j.WriteString("verdict", VerdictName(o.Verdict));
        if (o.Has(ObservationFields.Message)) j.WriteString("message", HostTokenTable.Text(o.MessageId));
        if (o.Has(ObservationFields.PacketCount)) j.WriteNumber("packets", o.PacketCount);
        if (o.Has(ObservationFields.Duplicate))
        {
            j.WriteStartObject("duplicate_of");
            j.WriteNumber("input", o.DuplicateOf.Input);
            j.WriteNumber(o.DuplicateOf.Kind == EvidenceKind.Frame ? "frame" : "line", o.DuplicateOf.Number);
            j.WriteEndObject();
        }

        j.WriteEndObject();
        j.Flush();
        _output.WriteByte((byte)'\n');
        j.Reset();
    }

    public static string VerdictName(SensorVerdict verdict) => verdict switch
    {
        SensorVerdict.Accept => "accept",
        SensorVerdict.Deny => "deny",
        SensorVerdict.Drop => "drop",
        SensorVerdict.Reject => "reject",
        SensorVerdict.Alert => "alert",
        SensorVerdict.Log => "log",
        _ => "none",
    };

    public static string ProtocolName(TransportProtocol protocol) => protocol switch
    {
        TransportProtocol.Tcp => "tcp",
        TransportProtocol.Udp => "udp",
        TransportProtocol.Icmp => "icmp",
        TransportProtocol.Icmpv6 => "icmpv6",
        TransportProtocol.Arp => "arp",
        TransportProtocol.Ip => "ip",
        _ => "none",
    };

    private static void WriteQuoted(Utf8JsonWriter j, in QuotedHeader q)
    {
        j.WriteStartObject("quoted");
        if (q.Has(QuotedFields.Addresses))
        {
            WriteHost(j, "src", q.Source);
            WriteHost(j, "dst", q.Destination);
        }
        else if (q.Has(QuotedFields.DestinationAddress))
        {
            WriteHost(j, "dst", q.Destination);
        }

        if (q.Has(QuotedFields.IpProtocol))
        {
            j.WriteString("proto", ProtocolName(q.Protocol));
            j.WriteNumber("ip_proto", q.IpProtocol);
        }

        if (q.Has(QuotedFields.IpId)) j.WriteNumber("ip_id", q.IpId);
        if (q.Has(QuotedFields.Ttl)) j.WriteNumber("ttl", q.Ttl);
        if (q.Has(QuotedFields.Ports))
        {
            j.WriteNumber("sport", q.SourcePort);
            j.WriteNumber("dport", q.DestinationPort);
        }
        else if (q.Has(QuotedFields.DestinationPort))
        {
            j.WriteNumber("dport", q.DestinationPort);
        }

        if (q.Has(QuotedFields.Sequence)) j.WriteNumber("seq", q.Sequence);
        j.WriteEndObject();
    }

    private static void WriteBytes(Utf8JsonWriter j, string name, ReadOnlySpan<byte> values)
    {
        j.WriteStartArray(name);
        foreach (var v in values) j.WriteNumberValue(v);
        j.WriteEndArray();
    }

    private static void WriteHex(Utf8JsonWriter j, string name, ReadOnlySpan<byte> values)
    {
        Span<char> buffer = stackalloc char[Observation.PayloadHeadCapacity * 2];
        Convert.TryToHexStringLower(values, buffer, out var n);
        j.WriteString(name, buffer[..n]);
    }

    internal static void WriteTime(Utf8JsonWriter j, string name, Timestamp time)
    {
        Span<char> buffer = stackalloc char[40];
        if (time.TryFormatIso(buffer, out var n)) j.WriteString(name, buffer[..n]);
    }

    internal static void WriteHost(Utf8JsonWriter j, string name, HostAddress host)
    {
        Span<char> buffer = stackalloc char[256];
        if (host.TryFormat(buffer, out var n)) j.WriteString(name, buffer[..n]);
        else j.WriteString(name, host.ToString());
    }

    private static void WriteMac(Utf8JsonWriter j, string name, MacAddress mac)
    {
        Span<char> buffer = stackalloc char[17];
        mac.TryFormat(buffer, out var n);
        j.WriteString(name, buffer[..n]);
    }

    public void Dispose() => _json.Dispose();
}
