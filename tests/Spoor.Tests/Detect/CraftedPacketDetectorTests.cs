using System.Buffers.Binary;
using Spoor.Detect;
using Spoor.Evidence;
using Spoor.Ingest.Capture;
using Spoor.Tests.Ingest;

namespace Spoor.Tests.Detect;

public sealed class CraftedPacketDetectorTests
{
    // Snort 1.x packet lines (seed 002's format); the flag string's order is 1 2 S F R P A U.
    private static string Snort(int port, string flags, string id = "242", string seq = "0xA1D95", string ack = "0x53", string win = "0x400", int ttl = 44, int sport = 31337, string dst = "172.16.1.101", string src = "192.160.13.4") =>
        $"05/20-17:06:{10 + port % 40:00}.061034 {src}:{sport} -> {dst}:{port} TCP TTL:{ttl} TOS:0x10 ID:{id} {flags} Seq: {seq} Ack: {ack} Win: {win}\n";

    private static IReadOnlyList<Finding> Run(string text) => DetectorHarness.Run(new CraftedPacketDetector(DetectionOptions.Default), text);

    [Fact]
    public void FrpProbesWithConstantIdSeqAck_AreFlaggedAsCraftedByOneTool()
    {
        var findings = Run(Snort(1, "***FRP**") + Snort(2, "***FRP**") + Snort(3, "***FRP**"));

        var finding = findings.Should().ContainSingle().Subject;
        finding.Kind.Should().Be(FindingKind.CraftedPackets);
        finding.Technique.Should().Be(ScanTechnique.FinRstPsh);
        finding.Tool.Should().Be("libnet");
        finding.Ports.Should().Equal(1, 2, 3);
        var invariants = finding.Attributes["invariants"]!.AsObject();
        invariants["ip_id"]!.GetValue<uint>().Should().Be(242);
        invariants["seq"]!.GetValue<uint>().Should().Be(0xA1D95);
        invariants["ack"]!.GetValue<uint>().Should().Be(0x53);
        finding.Attributes["hops_estimate"]!.GetValue<int>().Should().Be(4, "the libnet samples send with TTL 48 and 44 arrived");
        finding.Attributes["fixed_source_port"]!.GetValue<int>().Should().Be(31337);
        finding.Attributes["reply_expected"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void SourcesSendingIdenticalConstants_AreOneToolRunWithEverySource()
    {
        // Seed 002: the same FRP probes from 192.160.13.4, .6 and .7.
        var text = string.Concat(Enumerable.Range(1, 3).Select(p => Snort(p, "***FRP**", src: "192.160.13.4")))
            + string.Concat(Enumerable.Range(1, 3).Select(p => Snort(p, "***FRP**", src: "192.160.13.6", ttl: 45)))
            + string.Concat(Enumerable.Range(1, 3).Select(p => Snort(p, "***FRP**", src: "192.160.13.7")));

        var finding = Run(text).Single();

        finding.Sources.Select(s => s.ToString()).Should().Equal("192.160.13.4", "192.160.13.6", "192.160.13.7");
        finding.Packets.Should().Be(9);
        finding.Attributes["sources_sharing_invariants"]!.GetValue<int>().Should().Be(3);
        finding.Attributes["invariants"]!.AsObject().ContainsKey("ttl").Should().BeFalse("the sources' TTLs differ");
        finding.Attributes["hops_by_source"]!["192.160.13.6"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public void SourceBound_DropsOrdinarySourcesFirstAndCountsWhatItDrops()
    {
        var detector = new CraftedPacketDetector(DetectionOptions.Default with { MaxCraftedSources = 2 });
        var text = Snort(80, "**S*****", id: "1", seq: "0x1", ack: "0x0", win: "0x2000", src: "10.9.9.1")
            + Snort(1, "***FRP**", src: "10.9.9.2") + Snort(2, "***FRP**", src: "10.9.9.2")
            + Snort(3, "***FRP**", src: "10.9.9.3") + Snort(4, "***FRP**", src: "10.9.9.3")
            + Snort(5, "***FRP**", src: "10.9.9.4") + Snort(6, "***FRP**", src: "10.9.9.4");

        var findings = DetectorHarness.Run(detector, text);

        findings.Should().ContainSingle().Which.Sources.Select(s => s.ToString()).Should().Equal("10.9.9.2", "10.9.9.3");
        detector.Evicted.Should().Be(3, "the ordinary source made room once, then both of the fourth source's packets found none");
    }

    [Fact]
    public void AnOrdinaryFirstProbe_StillCountsOnceTheSourceSendsMore()
    {
        // The first SYN is ordinary, so the detector holds it apart until the source's next probe: the FRP probes
        // after it must find it counted, its flags and header values included.
        var text = Snort(1, "**S*****", id: "7", seq: "0x1", ack: "0x0", win: "0x2000") + Snort(2, "***FRP**") + Snort(3, "***FRP**");

        var finding = Run(text).Single();

        finding.Attributes["probes"]!.GetValue<long>().Should().Be(3);
        finding.Attributes["flag_sets"]!.GetValue<int>().Should().Be(2);
        finding.Technique.Should().Be(ScanTechnique.Mixed);
        finding.Packets.Should().Be(2, "the SYN is no evidence");
        var invariants = finding.Attributes["invariants"]!.AsObject();
        invariants.ContainsKey("ip_id").Should().BeFalse("the SYN's IP ID was 7, the others' 242");
        invariants.ContainsKey("window").Should().BeFalse("the SYN's window differed");
        invariants["source_port"]!.GetValue<uint>().Should().Be(31337);
    }

    [Fact]
    public void AnOrdinaryFirstProbe_IsForgottenWhenItsSourceFallsIdle()
    {
        var detector = new CraftedPacketDetector(DetectionOptions.Default);
        var early = Decoded.Bytes(System.Text.Encoding.UTF8.GetBytes(Snort(1, "**S*****", id: "7", seq: "0x1", ack: "0x0", win: "0x2000"))).Observations;
        var late = Decoded.Bytes(System.Text.Encoding.UTF8.GetBytes((Snort(2, "***FRP**") + Snort(3, "***FRP**")).Replace("17:06", "19:06", StringComparison.Ordinal))).Observations;
        var sink = new ListSink();

        foreach (var o in early) detector.Observe(o);
        detector.Advance(late[0].Time, sink);
        foreach (var o in late) detector.Observe(o);
        detector.Complete(sink);

        var finding = sink.Findings.Should().ContainSingle().Subject;
        finding.Attributes["probes"]!.GetValue<long>().Should().Be(2, "the SYN two hours before belonged to a source state already freed");
        finding.Technique.Should().Be(ScanTechnique.FinRstPsh);
        finding.Attributes["invariants"]!["ip_id"]!.GetValue<uint>().Should().Be(242);
    }

    [Fact]
    public void ConfidenceGrowsWithTheNumberOfConsistentPackets()
    {
        var one = Run(Snort(1, "**SF****", id: "100", seq: "0x10", ack: "0x0", win: "0x200")).Single();
        var many = Run(string.Concat(Enumerable.Range(1, 10).Select(p => Snort(p, "**SF****", id: (100 + p).ToString(System.Globalization.CultureInfo.InvariantCulture), seq: "0x10", ack: "0x0", win: "0x200")))).Single();

        one.Technique.Should().Be(ScanTechnique.SynFin);
        one.Confidence.Should().BeLessThan(many.Confidence);
        one.Confidence.Should().BeGreaterThanOrEqualTo(0.7, "no stack sends SYN+FIN");
        one.Attributes["invariants"]!.AsObject().Should().BeEmpty("one packet has no constant fields to speak of");
    }

    [Fact]
    public void PlainXmasAndFinScanFlags_AreLeftToTheScanDetectors()
    {
        var xmas = string.Concat(Enumerable.Range(1, 5).Select(p => Snort(p, "***F*P*U", id: (7000 + p).ToString(System.Globalization.CultureInfo.InvariantCulture), seq: "0x1234", ack: "0x0")));
        var fin = string.Concat(Enumerable.Range(1, 5).Select(p => Snort(p, "***F****", id: (8000 + p).ToString(System.Globalization.CultureInfo.InvariantCulture), seq: "0x1234", ack: "0x0")));

        Run(xmas).Should().BeEmpty("FIN+PSH+URG is the Xmas scan's technique, not crafted beyond it");
        Run(fin).Should().BeEmpty();
    }

    [Fact]
    public void AckNumberWithoutTheAckFlag_IsAnAnomalyEvenOnAPlainSyn()
    {
        var finding = Run(Snort(80, "**S*****", id: "5", seq: "0x99", ack: "0x1234", win: "0x200")).Single();

        finding.Technique.Should().Be(ScanTechnique.Syn);
        finding.Attributes["anomalies"]!["ack_number_without_ack_flag"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void OrdinarySynsFromAStack_AreNotCrafted()
    {
        var text = string.Concat(Enumerable.Range(1, 5).Select(p => Snort(p, "**S*****", id: (300 + p).ToString(System.Globalization.CultureInfo.InvariantCulture), seq: $"0x{p * 7919:X}", ack: "0x0", win: "0x2000", sport: 1024 + p)));

        Run(text).Should().BeEmpty();
    }

    [Fact]
    public void MasscanIpIdRule_NamesMasscanWithoutAnyFlagAnomaly()
    {
        // masscan: IP ID = low 16 bits of (destination ^ destination port ^ seq); 10.0.0.1 = 0x0A000001.
        var text = string.Concat(Enumerable.Range(1, 5).Select(p =>
        {
            var seq = 0x5000_0000u + (uint)(p * 977);
            var id = (0x0A000001u ^ (uint)p ^ seq) & 0xFFFF;
            return Snort(p, "**S*****", id: id.ToString(System.Globalization.CultureInfo.InvariantCulture), seq: $"0x{seq:X}", ack: "0x0", win: "0x400", ttl: 255, sport: 40000, dst: "10.0.0.1");
        }));

        var finding = Run(text).Single();

        finding.Tool.Should().Be("masscan");
        finding.Attributes["method"]!.GetValue<string>().Should().Be("tool-fingerprint");
    }

    [Fact]
    public void ZmapsConstantIpId_IsAnInvariantAndNamesZmap()
    {
        var text = string.Concat(Enumerable.Range(1, 4).Select(p =>
            Snort(443, "**S*****", id: "54321", seq: $"0x{p * 104729:X}", ack: "0x0", win: "0xFFFF", ttl: 250, sport: 50000 + p, dst: $"10.0.0.{p}")));

        var finding = Run(text).Single();

        finding.Tool.Should().Be("zmap");
        finding.Attributes["invariants"]!["ip_id"]!.GetValue<uint>().Should().Be(54321);
        finding.Attributes["hops_estimate"]!.GetValue<int>().Should().Be(5);
    }

    [Fact]
    public void ProbesSharingUnicornscansSynKey_NameUnicornscan()
    {
        // tests/data/synthetic/unicornscan-syn.pcap: seq = key ^ destination ^ ((port << 16) + source port), source
        // port and IP ID random per probe; no flag anomaly at all.
        var finding = RunFile("synthetic/unicornscan-syn.pcap").Single();

        finding.Tool.Should().Be("unicornscan");
        finding.Attributes["tool_matches"]!.GetValue<int>().Should().Be(50);
        finding.Attributes["method"]!.GetValue<string>().Should().Be("tool-fingerprint");
        finding.PortCount.Should().Be(50);
    }

    [Fact]
    public void SeqAndSourcePortSteppingTogetherToOnePort_IsNotUnicornscan()
    {
        // Both rising by one from even values keep seq ^ (port << 16 | source port) constant, as nmap's SEQ probes
        // do; without a second port or target that proves nothing.
        var text = string.Concat(Enumerable.Range(0, 6).Select(i =>
            Snort(80, "**S*****", id: (700 + (i * 37)).ToString(System.Globalization.CultureInfo.InvariantCulture), seq: $"0x{0x1000 + i:X}", ack: "0x0", win: "0x2000", sport: 40000 + i)));

        Run(text).Should().BeEmpty();
    }

    [Fact]
    public void NmapOsDetectionProbes_AreLeftToTheOsFingerprintFinding()
    {
        // nmap -O's ECN probe sets a reserved bit and T3 sends SYN+FIN+URG+PSH; the os-fingerprint finding reports them.
        RunFile("fixtures/nmap-os.pcap").Should().BeEmpty();
    }

    [Fact]
    public void OtherCraftedPacketsOfAnOsProber_AreStillReported()
    {
        var observations = Decoded.File(TestPaths.Data("fixtures/nmap-os.pcap")).Observations
            .Concat(Decoded.Bytes(System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 3).Select(p =>
                Snort(p, "**SF****", id: "5", seq: "0x77", ack: "0x0", win: "0x1000", sport: 2000 + p, dst: "192.0.2.10", src: "198.51.100.10"))))).Observations);

        var finding = RunObservations(observations).Single();

        finding.Ports.Should().Equal(1, 2, 3);
        finding.Attributes["anomalies"]!.AsObject().Select(a => a.Key).Should().Equal("impossible_flags");
        finding.Attributes["anomalies"]!["impossible_flags"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public void ALoneOsDetectionProbe_IsStillCrafted()
    {
        // Only nmap's T3 probe (SYN+FIN+URG+PSH, window 256): one probe is no fingerprinting run.
        var t3 = Decoded.File(TestPaths.Data("fixtures/nmap-os.pcap")).Observations
            .First(o => o.Protocol == TransportProtocol.Tcp && o.Window == 256 && (o.TcpFlags & TcpFlags.Classic) == (TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Urg | TcpFlags.Psh));

        var finding = RunObservations([t3]).Single();

        finding.Attributes["anomalies"]!["impossible_flags"]!.GetValue<int>().Should().Be(1);
    }

    private static List<Finding> RunFile(string path) => RunObservations(Decoded.File(TestPaths.Data(path)).Observations);

    private static List<Finding> RunObservations(IEnumerable<Observation> observations)
    {
        var detector = new CraftedPacketDetector(DetectionOptions.Default);
        foreach (var o in observations) detector.Observe(o);
        var sink = new ListSink();
        detector.Complete(sink);
        return sink.Findings;
    }

    [Fact]
    public void SourcePortZero_IsCrafted()
    {
        var finding = Run(Snort(80, "**S*****", id: "9", seq: "0x9", ack: "0x0", win: "0x2000", sport: 0)).Single();

        finding.Attributes["anomalies"]!["port_zero"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void FirstFragmentTooShortForTheTcpHeader_IsATinyFragment()
    {
        // An IPv4 first fragment (MF set, offset 0) carrying 8 bytes of TCP: the flags are in the next fragment.
        const int Ethernet = 14;
        const int TinyIpLength = 20 + 8;
        var frame = new byte[128];
        FrameBuilder.Tcp(frame, 0x020000000001, 0x020000000002, 0xC0000201, 0xC0000202, 1234, 80, TcpFlags.Syn, 1, 0, 1024, 77, 64);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(Ethernet + 2), TinyIpLength);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(Ethernet + 6), 0x2000);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(Ethernet + 10), 0);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(Ethernet + 10), FrameBuilder.Checksum(frame.AsSpan(Ethernet, 20)));
        var file = new MemoryStream();
        using (var writer = new PcapWriter(file, LinkTypes.Ethernet, nanoseconds: false))
        {
            writer.Write(new Timestamp(958842405_000000000, 6), frame.AsSpan(0, Ethernet + TinyIpLength), Ethernet + TinyIpLength);
        }

        var detector = new CraftedPacketDetector(DetectionOptions.Default);
        foreach (var o in Decoded.Bytes(file.ToArray()).Observations) detector.Observe(o);
        var sink = new ListSink();
        detector.Complete(sink);

        sink.Findings.Single().Attributes["anomalies"]!["tiny_fragment"]!.GetValue<int>().Should().Be(1);
    }

    private sealed class ListSink : IFindingSink
    {
        public List<Finding> Findings { get; } = [];

        public void Add(Finding finding) => Findings.Add(finding);
    }

    [Theory]
    [InlineData(TcpFlags.Syn | TcpFlags.Ece | TcpFlags.Cwr, false)]
    [InlineData(TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Ece, false)]
    [InlineData(TcpFlags.Ack | TcpFlags.Psh | TcpFlags.Cwr, false)]
    [InlineData(TcpFlags.Syn | TcpFlags.Ece, true)]
    [InlineData(TcpFlags.Syn | TcpFlags.Fin, true)]
    [InlineData(TcpFlags.Syn | TcpFlags.Rst, true)]
    [InlineData(TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Psh, true)]
    [InlineData(TcpFlags.Fin | TcpFlags.Psh | TcpFlags.Urg, false)]
    [InlineData(TcpFlags.None, false)]
    [InlineData(TcpFlags.Fin | TcpFlags.Ack, false)]
    public void FlagSets_AreImpossibleUnlessAStackOrAStandardScanSendsThem(TcpFlags flags, bool impossible)
    {
        CraftedPacketDetector.ImpossibleFlags(flags).Should().Be(impossible);
    }
}
