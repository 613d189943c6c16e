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
