using Spoor.Detect;

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
}
