using Spoor.Evidence;
using Spoor.Ingest;

namespace Spoor.Tests.Ingest.Text;

/// <summary>
/// Real iptables LOG lines, written by the kernel for the same packets tcpdump captured (made by
/// tests/data/fixtures/make-fixtures.sh in private network namespaces), decode to the same fields the
/// pcap shows: every logged packet is found in the capture, and every field the log states agrees.
/// </summary>
public sealed class NetfilterPcapPairingTests
{
    public static TheoryData<string> PairedScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var log in Directory.EnumerateFiles(TestPaths.Data("fixtures"), "*.iptables.log").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(log)[..^".iptables.log".Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PairedScenarios))]
    public void EveryLoggedPacket_IsInTheCapture_WithTheSameFields(string scenario)
    {
        var capture = ReadAll(TestPaths.Data("fixtures", scenario + ".pcap"));
        var log = ReadAll(TestPaths.Data("fixtures", scenario + ".iptables.log"));
        log.Accounting.Failed.Should().Be(0, "every kernel log line is a netfilter record");
        log.Observations.Should().NotBeEmpty();

        var byIdentity = capture.Observations
            .Where(o => o.Has(ObservationFields.IpId))
            .ToLookup(o => (o.Source, o.Destination, o.Protocol, o.IpId, o.SourcePort, o.DestinationPort));
        var mismatches = new List<string>();
        foreach (var logged in log.Observations)
        {
            var candidates = byIdentity[(logged.Source, logged.Destination, logged.Protocol, logged.IpId, logged.SourcePort, logged.DestinationPort)].ToList();
            if (candidates.Count == 0)
            {
                mismatches.Add($"{logged.Evidence}: no packet {logged.Source}:{logged.SourcePort} > {logged.Destination}:{logged.DestinationPort} id {logged.IpId} in the capture");
                continue;
            }

            var differences = candidates.Select(c => Differences(logged, c)).MinBy(d => d.Count)!;
            mismatches.AddRange(differences.Select(d => $"{logged.Evidence}: {d}"));
        }

        mismatches.Should().BeEmpty(string.Join(Environment.NewLine, mismatches.Take(30)));
    }

    private static List<string> Differences(Observation logged, Observation packet)
    {
        var d = new List<string>();
        void Check<T>(ObservationFields field, string name, T a, T b)
        {
            if (logged.Has(field) && !EqualityComparer<T>.Default.Equals(a, b)) d.Add($"{name}: log {a}, pcap {b}");
        }

        // The FORWARD hook runs after routing has decremented the TTL (ip_forward), so a forwarded packet is
        // logged with one hop less than the capture on the incoming interface saw.
        var forwarded = logged.Has(ObservationFields.Message) && HostTokenTable.Text(logged.MessageId).StartsWith("SPOOR-FWD", StringComparison.Ordinal);
        Check(ObservationFields.Ttl, "ttl", logged.Ttl, forwarded ? (byte)(packet.Ttl - 1) : packet.Ttl);
        Check(ObservationFields.Tos, "tos", logged.Tos, packet.Tos);
        Check(ObservationFields.IpLength, "ip_len", logged.IpLength, packet.IpLength);
        Check(ObservationFields.DontFragment, "df", logged.DontFragment, packet.DontFragment);
        Check(ObservationFields.Fragment, "frag_offset", logged.FragmentOffset, packet.FragmentOffset);
        Check(ObservationFields.Fragment, "mf", logged.MoreFragments, packet.MoreFragments);
        Check(ObservationFields.TcpFlags, "flags", logged.TcpFlags, packet.TcpFlags);
        Check(ObservationFields.Window, "window", logged.Window, packet.Window);
        Check(ObservationFields.UrgentPointer, "urg_ptr", logged.UrgentPointer, packet.UrgentPointer);
        Check(ObservationFields.Sequence, "seq", logged.Sequence, packet.Sequence);
        Check(ObservationFields.Acknowledgement, "ack", logged.Acknowledgement, packet.Acknowledgement);
        Check(ObservationFields.UdpLength, "udp_len", logged.UdpLength, packet.UdpLength);
        Check(ObservationFields.IcmpType, "icmp_type", logged.IcmpType, packet.IcmpType);
        Check(ObservationFields.IcmpType, "icmp_code", logged.IcmpCode, packet.IcmpCode);
        Check(ObservationFields.IcmpIdSequence, "icmp_id", logged.IcmpId, packet.IcmpId);
        Check(ObservationFields.IcmpIdSequence, "icmp_seq", logged.IcmpSequence, packet.IcmpSequence);
        Check(ObservationFields.SourceMac, "src_mac", logged.SourceMac, packet.SourceMac);
        Check(ObservationFields.DestinationMac, "dst_mac", logged.DestinationMac, packet.DestinationMac);
        Check(ObservationFields.Mss, "mss", logged.TcpOptions.Mss, packet.TcpOptions.Mss);
        return d;
    }

    private static Decoded ReadAll(string path) => Decoded.File(path);
}
