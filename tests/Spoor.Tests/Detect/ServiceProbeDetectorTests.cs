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
        finding.Attributes["confidence_basis"]!.GetValue<string>().Should().Be("single-service-probe");
        finding.Attributes["intent"]!.GetValue<string>().Should().Be("open-proxy-relay");
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

    [Fact]
    public void ManyShortSmtpSessionsThatStopAtTheEnvelope_AreRelayTesting()
    {
        var text = string.Concat(Enumerable.Range(0, 8).Select(i => SmtpSession("203.0.113.7", 40000 + i, "10.0.0.25", 60 * i, [14, 26, 30, 6])));

        var finding = Run(text).Single();

        finding.Kind.Should().Be(FindingKind.ServiceProbe);
        finding.Technique.Should().Be(ScanTechnique.Connect);
        finding.Ports.Should().Equal(25);
        finding.Targets.Select(t => t.ToString()).Should().Equal("10.0.0.25");
        finding.Attributes["service"]!.GetValue<string>().Should().Be("smtp");
        finding.Attributes["intent"]!.GetValue<string>().Should().Be("relay-testing");
        finding.Attributes["sessions"]!.GetValue<long>().Should().Be(8);
        finding.Attributes["sessions_closed"]!.GetValue<long>().Should().Be(8);
        finding.Attributes["client_bytes_median"]!.GetValue<long>().Should().Be(76);
        finding.Attributes["client_bytes_max"]!.GetValue<long>().Should().Be(76);
        finding.Attributes["server_bytes_median"]!.GetValue<long>().Should().Be(50 + 4 * 30);
        finding.Packets.Should().Be(8 * (3 + 2 * 4 + 1 + 3));
        finding.EvidenceTotal.Should().Be(8);
    }

    [Fact]
    public void RelayTestsSpreadOverSeveralMailServers_AreOneFindingNamingThemAll()
    {
        var text = string.Concat(Enumerable.Range(0, 6).Select(i => SmtpSession("203.0.113.7", 41000 + i, $"10.0.{i % 3}.25", 20 * i, [14, 26, 30, 6])));

        var finding = Run(text).Single();

        finding.Targets.Select(t => t.ToString()).Should().Equal("10.0.0.25", "10.0.1.25", "10.0.2.25");
        finding.Attributes["sessions"]!.GetValue<long>().Should().Be(6);
    }

    [Fact]
    public void AClientPortReusedAfterAClose_StartsANewSession()
    {
        var text = string.Concat(Enumerable.Range(0, 6).Select(i => SmtpSession("203.0.113.7", 40000, "10.0.0.25", 10 * i, [14, 26, 30, 6])));

        var finding = Run(text).Single();

        finding.Attributes["sessions"]!.GetValue<long>().Should().Be(6);
        finding.Attributes["client_bytes_max"]!.GetValue<long>().Should().Be(76);
    }

    [Fact]
    public void OneDeliveryWithAMessageBody_IsNotRelayTesting()
    {
        Run(SmtpSession("198.51.100.5", 50000, "10.0.0.25", 0, [14, 26, 24, 6, 1460, 1460, 1100, 5, 6])).Should().BeEmpty();
    }

    [Fact]
    public void AnMtaDeliveringSeveralSmallMessages_IsNotRelayTesting()
    {
        var text = string.Concat(Enumerable.Range(0, 8).Select(i => SmtpSession("198.51.100.5", 50000 + i, "10.0.0.25", 90 * i, [22, 30, 28, 6, 640, 5, 6])));

        Run(text).Should().BeEmpty("every session sent a message: more client bytes than an envelope");
    }

    [Fact]
    public void AnMtaThatAlsoVerifiesAFewSenders_IsNotRelayTesting()
    {
        var deliveries = Enumerable.Range(0, 7).Select(i => SmtpSession("198.51.100.5", 50000 + i, "10.0.0.25", 90 * i, [22, 30, 28, 6, 2400, 5, 6]));
        var callouts = Enumerable.Range(0, 5).Select(i => SmtpSession("198.51.100.5", 51000 + i, "10.0.0.25", 45 + 90 * i, [22, 14, 28, 6]));

        Run(string.Concat(deliveries.Concat(callouts))).Should().BeEmpty("mostly delivering mail, the envelope-only sessions are address checks");
    }

    [Fact]
    public void ManyHeloQuitLivenessChecks_AreNotRelayTesting()
    {
        var text = string.Concat(Enumerable.Range(0, 12).Select(i => SmtpSession("10.0.0.9", 42000 + i, "10.0.0.25", 60 * i, [16, 6])));

        Run(text).Should().BeEmpty("a monitor says HELO and QUIT; it never reaches MAIL FROM or RCPT TO");
    }

    [Fact]
    public void SessionsHeldOpenLongerThanAProbe_AreNotRelayTesting()
    {
        var text = string.Concat(Enumerable.Range(0, 6).Select(i => SmtpSession("203.0.113.7", 43000 + i, "10.0.0.25", 600 * i, [14, 26, 30, 6], commandGap: 60)));

        Run(text).Should().BeEmpty("each session lasted four minutes");
    }

    [Fact]
    public void Pop3sAndImapsSweeps_AreServiceProbesOfTheMailboxProtocols()
    {
        var text = string.Concat(Enumerable.Range(1, 5).Select(h =>
            $"10:00:0{h}.000001 203.0.113.9.3000{h} > 10.0.0.{h}.995: S 1:1(0) win 1024\n"
            + $"10:00:0{h}.000002 203.0.113.9.3100{h} > 10.0.0.{h}.993: S 1:1(0) win 1024\n"));

        var findings = Run(text);

        findings.Select(f => (f.Attributes["service"]!.GetValue<string>(), f.Ports.Single(), f.Targets.Count)).Should().BeEquivalentTo([("imap", 993, 5), ("pop3", 995, 5)]);
    }

    /// <summary>
    /// One SMTP session as tcpdump prints it: handshake, a 50-byte greeting, each client command answered with 30
    /// bytes, then FIN both ways. <paramref name="commands"/> are the client's segment sizes.
    /// </summary>
    private static string SmtpSession(string client, int port, string server, double start, int[] commands, double commandGap = 0.1)
    {
        var lines = new System.Text.StringBuilder();
        var t = start;
        void Line(string from, int fromPort, string to, int toPort, string rest)
        {
            var time = TimeSpan.FromSeconds(36000 + t);
            lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"{time:hh\\:mm\\:ss\\.ffffff} {from}.{fromPort} > {to}.{toPort}: {rest}\n");
            t += 0.001;
        }

        long c = 1, s = 1;
        Line(client, port, server, 25, "S 1000:1000(0) win 64240");
        Line(server, 25, client, port, "S 5000:5000(0) ack 1001 win 64240");
        Line(client, port, server, 25, ". ack 1 win 64240");
        Line(server, 25, client, port, $"P {s}:{s + 50}(50) ack {c} win 64240");
        s += 50;
        foreach (var size in commands)
        {
            t += commandGap;
            Line(client, port, server, 25, $"P {c}:{c + size}({size}) ack {s} win 64240");
            c += size;
            Line(server, 25, client, port, $"P {s}:{s + 30}(30) ack {c} win 64240");
            s += 30;
        }

        Line(client, port, server, 25, $"F {c}:{c}(0) ack {s} win 64240");
        Line(server, 25, client, port, $"F {s}:{s}(0) ack {c + 1} win 64240");
        Line(client, port, server, 25, $". ack {s + 1} win 64240");
        return lines.ToString();
    }
}
