using Spoor.Detect;

namespace Spoor.Tests.Detect;

public sealed class TrojanProbeDetectorTests
{
    private static readonly int[] ScanPorts = [21, 22, 23, 25, 80, 110, 12345];

    private static IReadOnlyList<Finding> Run(string text) => DetectorHarness.Run(new TrojanProbeDetector(DetectionOptions.Default), text);

    [Fact]
    public void UdpProbeOfPort12345_IsNotNetBus()
    {
        Run("07:40:51.892573 216.223.94.152.3272 > 10.0.0.1.12345: udp 19\n").Should().BeEmpty("NetBus listens on TCP 12345 only");
    }

    [Fact]
    public void TcpProbeOfPort12345_IsANetBusProbeWithProbeConfidence()
    {
        var finding = Run("07:40:51.892573 216.223.94.152.3272 > 10.0.0.1.12345: S 1:1(0) win 8192\n").Single();

        finding.Kind.Should().Be(FindingKind.TrojanProbe);
        finding.Attributes["backdoors"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("NetBus");
        finding.Confidence.Should().BeLessThan(0.7, "a single probe is a probe");
    }

    [Fact]
    public void BackOrificeIsUdp31337_NotTcp()
    {
        Run("01:00:00.000001 1.2.3.4.1025 > 10.0.0.1.31337: udp 19\n").Single().Attributes["backdoors"]!.AsArray()
            .Select(n => n!.GetValue<string>()).Should().Equal("Back Orifice");
        Run("01:00:00.000001 1.2.3.4.1025 > 10.0.0.1.31337: S 1:1(0) win 8192\n").Should().BeEmpty();
    }

    // Seed 003 detect 3's 19-byte payload: a Back Orifice ping under the default key.
    private static readonly byte[] BackOrificePing = Convert.FromHexString("ce63d1d216e713cf38a5a586b2754b99aa3258");

    [Fact]
    public void BackOrificePingOnAnyPort_IsNamedByItsPayloadWithNearCertainty()
    {
        var finding = Run(HexDumpText.Udp("07:40:51.892573", "216.223.94.152", 3272, "10.0.0.1", 12345, BackOrificePing)).Single();

        finding.Kind.Should().Be(FindingKind.TrojanProbe);
        finding.Ports.Should().Equal(12345);
        finding.Confidence.Should().BeGreaterThanOrEqualTo(0.99);
        finding.Tool.Should().Be("back-orifice");
        finding.Attributes["method"]!.GetValue<string>().Should().Be("payload-signature");
        finding.Attributes["backdoors"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("Back Orifice");
        finding.Attributes["bo_commands"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(1);
        finding.Attributes["bo_command_names"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("ping");
    }

    [Fact]
    public void Udp31337WithAPayloadThatIsNotBackOrifice_StaysAPortTableHitWithProbeConfidence()
    {
        var finding = Run(HexDumpText.Udp("07:40:51.892573", "1.2.3.4", 1025, "10.0.0.1", 31337, "hello, is anyone there?"u8)).Single();

        finding.Attributes["method"]!.GetValue<string>().Should().Be("backdoor-port-table");
        finding.Attributes["backdoors"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("Back Orifice");
        finding.Confidence.Should().BeLessThan(0.7);
        finding.Tool.Should().BeNull();
    }

    [Fact]
    public void BackOrificePayloadUnderAnotherKey_IsNotRecognised()
    {
        var plain = "*!*QWTY?"u8.ToArray().Concat(new byte[] { 19, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 }).ToArray();
        var state = 4242u;
        var cipher = plain.Select(b => (byte)(b ^ (byte)((state = unchecked(state * 214013 + 2531011)) >> 16))).ToArray();

        var finding = Run(HexDumpText.Udp("07:40:51.892573", "1.2.3.4", 1025, "10.0.0.1", 31337, cipher)).Single();

        finding.Attributes["method"]!.GetValue<string>().Should().Be("backdoor-port-table", "only the default key is tried");
    }

    [Fact]
    public void BackOrificeAnswer_IsNotCountedAsAProbe()
    {
        var text = HexDumpText.Udp("07:40:51.000001", "1.2.3.4", 1025, "10.0.0.1", 31337, BackOrificePing)
            + HexDumpText.Udp("07:40:51.000002", "10.0.0.1", 31337, "1.2.3.4", 1025, BackOrificePing);

        var finding = Run(text).Single();

        finding.Sources.Select(a => a.ToString()).Should().Equal("1.2.3.4");
        finding.Packets.Should().Be(1);
    }

    [Fact]
    public void BackOrificePingsFromASourceThatAlsoScans_AreStillNamed()
    {
        var text = string.Concat(ScanPorts.Select((p, i) => $"01:00:0{i}.000001 1.2.3.4.40000 > 10.0.0.1.{p}: S 1:1(0) win 1024\n"))
            + HexDumpText.Udp("01:00:09.000001", "1.2.3.4", 1025, "10.0.0.1", 31337, BackOrificePing);

        var finding = Run(text).Single();

        finding.Attributes["method"]!.GetValue<string>().Should().Be("payload-signature");
        finding.Ports.Should().Equal(31337);
    }

    [Fact]
    public void SourceThatAlsoScansManyOtherPorts_IsLeftToTheScanDetectors()
    {
        var text = string.Concat(ScanPorts.Select((p, i) => $"01:00:0{i}.000001 1.2.3.4.40000 > 10.0.0.1.{p}: S 1:1(0) win 1024\n"));

        Run(text).Should().BeEmpty();
    }

    [Fact]
    public void OneSourceAcrossSeveralHosts_IsOneFinding()
    {
        var text = "01:00:00.000001 1.2.3.4.2440 > 10.0.0.1.12345: S 1:1(0) win 8192\n"
            + "01:00:00.000002 1.2.3.4.2443 > 10.0.0.4.12345: S 2:2(0) win 8192\n"
            + "01:00:00.000003 1.2.3.4.2444 > 10.0.0.5.12345: S 3:3(0) win 8192\n";

        var finding = Run(text).Single();

        finding.Targets.Should().HaveCount(3);
        finding.Technique.Should().Be(ScanTechnique.Syn);
    }
}
