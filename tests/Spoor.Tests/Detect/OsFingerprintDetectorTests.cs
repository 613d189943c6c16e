using Spoor.Detect;
using Spoor.Evidence;
using Spoor.Tests.Ingest;

namespace Spoor.Tests.Detect;

public sealed class OsFingerprintDetectorTests
{
    private const string Options = "<wscale 10,nop,mss 265,timestamp 1061109567 0,eol>";

    private static IReadOnlyList<Finding> Run(string text) => DetectorHarness.Run(new OsFingerprintDetector(DetectionOptions.Default), text);

    [Fact]
    public void FirstGenerationNmapTests_AgainstOneHost_AreAnOsFingerprint()
    {
        var text = $"15:55:06.109670 nmap.host.61833 > target.A.domain: S [ECN-Echo] 486802280:486802280(0) win 4096 {Options}\n"
            + $"15:55:06.109821 nmap.host.61834 > target.A.domain: . win 4096 {Options}\n"
            + $"15:55:06.109967 nmap.host.61835 > target.A.domain: SFP 486802280:486802280(0) win 4096 urg 0 {Options}\n";

        var finding = Run(text).Single();

        finding.Kind.Should().Be(FindingKind.OsFingerprint);
        finding.Tool.Should().Be("nmap");
        finding.Attributes["distinct_probes"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public void TwoOddProbes_AreNotYetAFingerprintingRun()
    {
        var text = $"15:55:06.109670 nmap.host.61833 > target.A.domain: S [ECN-Echo] 486802280:486802280(0) win 4096 {Options}\n"
            + $"15:55:06.109821 nmap.host.61834 > target.A.domain: . win 4096 {Options}\n";

        Run(text).Should().BeEmpty();
    }

    // tests/data/synthetic/xprobe2-os.pcap, frame numbers: 1 plain echo (icmp_ping), 3 tcp_ping, 6 icmp_echo (code 123),
    // 8 icmp_tstamp, 10 icmp_amask, 11 icmp_info, 12 icmp_port_unreach (UDP 53 -> 65534), 14 tcp_hshake, 17 and 19 tcp_rst.
    private static List<Finding> RunFrames(params int[] frames)
    {
        var observations = Decoded.File(TestPaths.Data("synthetic/xprobe2-os.pcap")).Observations;
        var detector = new OsFingerprintDetector(DetectionOptions.Default);
        var sink = new ListSink();
        foreach (var frame in frames.Length == 0 ? Enumerable.Range(1, observations.Count) : frames) detector.Observe(observations[frame - 1]);
        detector.Complete(sink);
        return sink.Findings;
    }

    [Fact]
    public void XprobeRun_IsAnOsFingerprintNamingTheModulesSeen()
    {
        var finding = RunFrames().Single();

        finding.Tool.Should().Be("xprobe2");
        finding.Sources.Select(s => s.ToString()).Should().Equal("198.51.100.10");
        finding.Packets.Should().Be(9, "the plain echo request of icmp_ping and the target's answers are not probes of the set");
        finding.Attributes["modules"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal(
            "icmp_echo", "icmp_tstamp", "icmp_amask", "icmp_info", "icmp_port_unreach", "tcp_hshake", "tcp_rst", "tcp_ping");
        finding.Attributes["generations"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Equal("xprobe2");
    }

    [Fact]
    public void IcmpQueriesAndADnsAnswerAlone_AreNotARun()
    {
        // Timestamp, address mask and information requests and a UDP datagram from port 53: four probes of the
        // xprobe2 set, but a ping sweep and a DNS server send the like.
        RunFrames(8, 10, 11, 12).Should().BeEmpty();
    }

    [Fact]
    public void OneProbeNothingOrdinarySends_MakesTheQueriesARun()
    {
        var finding = RunFrames(6, 8, 10).Single();

        finding.Tool.Should().Be("xprobe2");
        finding.Attributes["modules"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("icmp_echo", "icmp_tstamp", "icmp_amask");
    }

    private sealed class ListSink : IFindingSink
    {
        public List<Finding> Findings { get; } = [];

        public void Add(Finding finding) => Findings.Add(finding);
    }
}
