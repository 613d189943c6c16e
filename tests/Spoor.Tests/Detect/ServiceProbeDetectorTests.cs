using Spoor.Detect;

namespace Spoor.Tests.Detect;

public sealed class ServiceProbeDetectorTests
{
    private static IReadOnlyList<Finding> Run(string text) => DetectorHarness.Run(new ServiceProbeDetector(DetectionOptions.Default), text);

    [Fact]
    public void NetbiosNameQueries_ThreePerHost_AreOneSweepWithItsIntent()
    {
        var text = string.Concat(Enumerable.Range(1, 4).SelectMany(h => Enumerable.Range(0, 3).Select(i =>
            $"16:0{h}:4{i}.894521 208.61.141.146.137 > 10.0.0.{h}.137: udp 50\n")));

        var finding = Run(text).Single();

        finding.Kind.Should().Be(FindingKind.ServiceProbe);
        finding.Targets.Should().HaveCount(4);
        finding.Attributes["service"]!.GetValue<string>().Should().Be("netbios-ns");
        finding.Attributes["probes_per_target"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public void SnmpGetWithItsPayloadCaptured_ReportsTheCommunityAndVersionFromTheBytes()
    {
        // SNMPv2c GetRequest (request id 8) for sysDescr.0 with community "private", as tests/data/synthetic/snmp.pcap has it.
        var get = Convert.FromHexString("3027020101040770726976617465a019020108020100020100300e300c06082b060102010101000500");

        var finding = Run(HexDumpText.Udp("09:24:56.936732", "10.1.97.12", 1055, "10.1.101.192", 161, get)).Single();

        finding.Attributes["service"]!.GetValue<string>().Should().Be("snmp");
        finding.Attributes["community"]!.GetValue<string>().Should().Be("private");
        finding.Attributes["snmp_version"]!.GetValue<string>().Should().Be("2c");
    }

    [Fact]
    public void SnmpProbeWithoutPayloadOrAlert_NamesNoCommunity()
    {
        var finding = Run("09:24:56.936732 10.1.97.12.1055 > 10.1.101.192.161: udp 40\n").Single();

        finding.Attributes.ContainsKey("community").Should().BeFalse("nothing showed the community");
    }

    [Fact]
    public void SingleSocksProbe_IsAProbeNotASweep()
    {
        var finding = Run("08:07:29.000001 212.49.226.251.1525 > 10.0.0.1.1080: S 1:1(0) win 8192\n").Single();

        finding.Confidence.Should().BeLessThanOrEqualTo(0.5);
        finding.Attributes["confidence_basis"]!.GetValue<string>().Should().Contain("single probe");
    }

    [Fact]
    public void ClientOfTheServer_TryingItsProxyPort_IsNotAProbe()
    {
        var text = "10:00:00.000001 10.0.0.9.40000 > 10.0.0.1.80: S 1:1(0) win 64240\n"
            + "10:00:00.000002 10.0.0.1.80 > 10.0.0.9.40000: S 7:7(0) ack 2 win 64240\n"
            + "10:00:01.000001 10.0.0.9.40001 > 10.0.0.1.8080: S 5:5(0) win 64240\n";

        Run(text).Should().BeEmpty();
    }

    [Fact]
    public void DnsAnswerToAnEphemeralPortInTheTable_IsAReplyNotAProbe()
    {
        var text = "10:00:00.000001 10.0.0.9.137 > 10.0.0.53.53: udp 30\n"
            + "10:00:00.000900 10.0.0.53.53 > 10.0.0.9.137: udp 60\n";

        Run(text).Should().BeEmpty("the answer goes back to the port the query came from");
    }
}
