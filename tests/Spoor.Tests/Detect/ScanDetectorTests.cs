using System.Globalization;
using System.Text;
using Spoor.Detect;
using Spoor.Evidence;
using Spoor.Tests.Ingest;

namespace Spoor.Tests.Detect;

public sealed class ScanDetectorTests
{
    private const string Scanner = "10.0.0.5";
    private const string Target = "192.0.2.10";

    [Fact]
    public void FourPortsAnsweredByResets_AreAScanByTheWalkThoughBelowTheCountThreshold()
    {
        var lines = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var port = 20 + i;
            lines.Add(Syn(i, Scanner, 40000, Target, port));
            lines.Add(Rst(i, Target, port, Scanner, 40000));
        }

        var findings = Run(lines);

        var finding = findings.Should().ContainSingle().Subject;
        finding.Kind.Should().Be(FindingKind.PortScan);
        finding.Technique.Should().Be(ScanTechnique.Syn);
        finding.Sources.Should().Equal(Address(Scanner));
        finding.Ports.Should().Equal(20, 21, 22, 23);
        finding.Attributes["method"]!.GetValue<string>().Should().Be("trw");
        finding.Attributes["trw"]!["failures"]!.GetValue<int>().Should().Be(4);
    }

    [Fact]
    public void TargetsResets_AreAnswersNotAScanByTheTarget()
    {
        var lines = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            lines.Add(Syn(i, Scanner, 40000 + i, Target, 80));
            lines.Add(Rst(i, Target, 80, Scanner, 40000 + i));
        }

        Run(lines).Should().NotContain(f => f.Sources.Contains(Address(Target)));
    }

    [Fact]
    public void ClientWhoseConnectionsToSixPortsAllSucceed_IsNotAScan()
    {
        var lines = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var port = 8000 + i;
            lines.Add(Syn(i, Scanner, 40000 + i, Target, port));
            lines.Add(Line(i, 1, $"{Target}.{port} > {Scanner}.{40000 + i}: S 1:1(0) ack 2 win 5840 (DF)"));
            lines.Add(Line(i, 2, $"{Scanner}.{40000 + i} > {Target}.{port}: . ack 2 win 5840 (DF)"));
        }

        Run(lines).Should().BeEmpty();
    }

    [Fact]
    public void FiveHostsOnOnePortWithoutReplies_AreASweepByCounts_FourAreNot()
    {
        var five = Enumerable.Range(0, 5).Select(i => Syn(i, Scanner, 40000 + i, $"192.0.2.{20 + i}", 32773)).ToList();

        var finding = Run(five).Should().ContainSingle().Subject;
        finding.Kind.Should().Be(FindingKind.PortSweep);
        finding.Targets.Should().HaveCount(5);
        finding.Ports.Should().Equal(32773);
        finding.Attributes["method"]!.GetValue<string>().Should().Be("window-count");

        Run(five.Take(4).ToList()).Should().BeEmpty();
    }

    [Fact]
    public void SilenceIsNoFailureInACaptureThatShowsNoReplies()
    {
        var lines = Enumerable.Range(0, 4).Select(i => Syn(i * 10, Scanner, 40000, Target, 100 + i)).ToList();

        // Four unanswered SYNs 10 s apart: had silence counted, the walk would call a scanner.
        Run(lines).Should().BeEmpty();
    }

    [Fact]
    public void SilenceCountsAsFailureOnceTheTargetIsSeenAnswering()
    {
        var lines = new List<string>
        {
            Syn(0, Scanner, 40000, Target, 99),
            Rst(0, Target, 99, Scanner, 40000),
        };
        for (var i = 1; i <= 3; i++) lines.Add(Syn(i * 10, Scanner, 40000, Target, 100 + i));
        lines.Add(Syn(60, Scanner, 40001, "192.0.2.99", 1));

        var finding = Run(lines).Should().ContainSingle(f => f.Kind == FindingKind.PortScan).Subject;
        finding.Attributes["trw"]!["failures_by_silence"]!.GetValue<int>().Should().Be(3);
        finding.Attributes["method"]!.GetValue<string>().Should().Be("trw");
    }

    [Fact]
    public void SlowUdpScanOneProbeEveryFewDays_IsOneScanAcrossAMonth()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 6; i++)
        {
            var day = new DateTime(2000, 5, 1, 17, 11, 30, DateTimeKind.Utc).AddDays(i * 6);
            text.Append(CultureInfo.InvariantCulture, $"{day:MMM dd HH:mm:ss} 10.1.1.3:53 -> 10.1.101.89:{57009 + i} UDP\n");
        }

        var findings = Run(Encoding.ASCII.GetBytes(text.ToString()), DetectionOptions.Default);

        var finding = findings.Should().ContainSingle().Subject;
        finding.Technique.Should().Be(ScanTechnique.Udp);
        finding.PortCount.Should().Be(6);

        var shortMemory = DetectionOptions.Default with { ScanIdleWithFailures = TimeSpan.FromDays(2) };
        Run(Encoding.ASCII.GetBytes(text.ToString()), shortMemory).Should().BeEmpty("with a two-day memory the probes are six separate singletons");
    }

    [Fact]
    public void DecoyScan_NamesTheSourceThatResetsTheSynAcks()
    {
        var result = Analyzer.Run([TestPaths.Data("fixtures", "nmap-decoy.pcap")]);

        var finding = result.Findings.Should().ContainSingle(f => f.Kind == FindingKind.DecoyPortScan).Subject;
        finding.Origin.Should().NotBeNull();
        finding.Origin!.Address.Should().Be(Address("198.51.100.10"));
        finding.Sources.Should().HaveCount(5);
        finding.Spoofing.Verdict.Should().Be(SpoofingVerdict.Spoofed);
    }

    [Fact]
    public void SweepsOfOnePortAfterAnother_AreSeparateFindings_TheLaterLinkedToTheEarlierBySameTargetOrder()
    {
        var order = new[] { 7, 3, 9, 1, 5, 8 };
        var lines = new List<string>();
        for (var i = 0; i < order.Length; i++) lines.Add(Syn(i, Scanner, 41000 + i, $"192.0.2.{order[i]}", 5556));
        for (var i = 0; i < order.Length; i++) lines.Add(Syn(3600 + i, Scanner, 42000 + i, $"192.0.2.{order[i]}", 110));

        var findings = Run(lines);

        findings.Should().HaveCount(2).And.OnlyContain(f => f.Kind == FindingKind.PortSweep);
        var earlier = findings.Single(f => f.Ports.Single() == 5556);
        var later = findings.Single(f => f.Ports.Single() == 110);
        earlier.Attributes["same_target_order_as"].Should().BeNull("only the later sweep carries the link");
        var link = later.Attributes["same_target_order_as"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
        link["ports"]!.AsArray().Select(p => p!.GetValue<int>()).Should().Equal(5556);
        link["first_seen"]!.GetValue<string>().Should().Be(earlier.FirstSeen.ToIsoString());
        link["targets_count"]!.GetValue<int>().Should().Be(order.Length);
        link["common_targets"]!.GetValue<int>().Should().Be(order.Length);
        link["order_agreement"]!.GetValue<double>().Should().Be(1);
    }

    /// <summary>
    /// Sources that divide one target's ports among them, each share too small to call alone, are one distributed
    /// scan: three ports each, or two (two ports of one host are below every count, and only the rule that keeps
    /// them as a share lets them be grouped).
    /// </summary>
    [Theory]
    [InlineData(3, 3)]
    [InlineData(5, 2)]
    public void SourcesDividingOneTargetsPortsAmongThem_AreOneDistributedScan(int sources, int portsEach)
    {
        var lines = new List<string>();
        for (var i = 0; i < portsEach; i++)
        {
            for (var s = 0; s < sources; s++) lines.Add(Syn(i, $"10.0.{s}.5", 40000, Target, 1 + (s * portsEach) + i));
        }

        var finding = Run(lines).Should().ContainSingle().Subject;
        finding.Kind.Should().Be(FindingKind.DistributedPortScan);
        finding.Sources.Should().HaveCount(sources);
        finding.Ports.Should().Equal(Enumerable.Range(1, sources * portsEach));
        finding.Confidence.Should().BeLessThan(0.7);
    }

    [Fact]
    public void SourcesProbingOverlappingPortsOfOneTarget_AreNotADistributedScan()
    {
        var lines = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            for (var s = 0; s < 3; s++) lines.Add(Syn(i, $"10.0.{s}.5", 40000, Target, 1 + s + i));
        }

        Run(lines).Should().NotContain(f => f.Kind == FindingKind.DistributedPortScan);
    }

    [Fact]
    public void SweepsDaysApartInTheSameTargetOrder_TheLaterIsLinkedAndTheEmittedEarlierIsUnchanged()
    {
        var order = new[] { 7, 3, 9, 1, 5, 8 };
        var text = new StringBuilder();
        foreach (var (day, port) in new[] { (20, 5556), (23, 110) })
        {
            for (var i = 0; i < order.Length; i++)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"Nov {day} 05:22:{i:00} fw kernel: IN=eth0 OUT= SRC={Scanner} DST=192.0.2.{order[i]} LEN=44 TOS=0x00 PREC=0x00 TTL=52 ID={i} PROTO=TCP SPT={41000 + i} DPT={port} WINDOW=1024 RES=0x00 SYN URGP=0\n");
            }
        }

        var findings = Run(Encoding.ASCII.GetBytes(text.ToString()), DetectionOptions.Default);

        // The first sweep was emitted days before the second closed: it must not change after it was out.
        findings.Should().HaveCount(2).And.OnlyContain(f => f.Kind == FindingKind.PortSweep);
        findings[0].Ports.Should().Equal(5556);
        findings[0].Attributes["same_target_order_as"].Should().BeNull();
        var link = findings[1].Attributes["same_target_order_as"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
        link["ports"]!.AsArray().Select(p => p!.GetValue<int>()).Should().Equal(5556);
        link["first_seen"]!.GetValue<string>().Should().Be(findings[0].FirstSeen.ToIsoString());
        link["targets_count"]!.GetValue<int>().Should().Be(order.Length);
    }

    [Fact]
    public void FullTable_EvictsQuietClientsBeforeASourceWithDeniedProbes()
    {
        var text = new StringBuilder();
        var second = 0;
        void Add(string prefix, string source, int port) => text.Append(CultureInfo.InvariantCulture,
            $"Nov 20 05:{second / 60:00}:{second++ % 60:00} fw kernel: {prefix} IN=eth0 OUT= SRC={source} DST={Target} LEN=44 TOS=0x00 PREC=0x00 TTL=52 ID=1 PROTO=TCP SPT=41000 DPT={port} WINDOW=1024 RES=0x00 SYN URGP=0\n");
        Add("DROP", Scanner, 1);
        Add("DROP", Scanner, 2);
        for (var i = 0; i < 40; i++) Add("ACCEPT", $"10.9.0.{i + 1}", 80);
        Add("DROP", Scanner, 3);
        Add("DROP", Scanner, 4);

        var options = DetectionOptions.Default with { MaxSources = 8 };
        var findings = Run(Encoding.ASCII.GetBytes(text.ToString()), options);

        var finding = findings.Should().ContainSingle().Subject;
        finding.Sources.Should().Equal(Address(Scanner));
        finding.Ports.Should().Equal(1, 2, 3, 4);
        finding.Attributes["trw"]!["failures_by_sensor"]!.GetValue<int>().Should().Be(4);
    }

    [Fact]
    public void ObservingTrafficAlreadyInState_DoesNotAllocate()
    {
        var observations = Decoded.File(TestPaths.Data("fixtures", "benign-busy-client.pcap")).Observations.ToArray();
        var detector = new ScanDetector(DetectionOptions.Default);
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < observations.Length; i++) detector.Observe(observations[i]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < observations.Length; i++) detector.Observe(observations[i]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
    }

    [Fact]
    public void PastTheContactBudget_QuietSourcesAreDroppedAndAScannerIsReportedNotLost()
    {
        // 30 refused probes from one scanner among 60 one-probe sources, with room for 40 contacts in all.
        var lines = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            lines.Add(Syn(i, string.Create(CultureInfo.InvariantCulture, $"10.1.0.{i + 1}"), 40000, "192.0.2.99", 80));
            if (i < 30)
            {
                lines.Add(Syn(i, Scanner, 40000, Target, 20 + i));
                lines.Add(Rst(i, Target, 20 + i, Scanner, 40000));
            }
        }

        var options = DetectionOptions.Default with { ScanMaxContacts = 40 };
        var decoded = Decoded.Bytes(Encoding.ASCII.GetBytes(string.Join('\n', lines) + "\n"));
        var detector = new ScanDetector(options);
        var sink = new ListSink();
        foreach (var observation in decoded.Observations)
        {
            detector.Advance(observation.Time, sink);
            detector.Observe(observation);
        }

        detector.Complete(sink);

        detector.Evicted.Should().BeGreaterThan(0, "quiet sources had to go");
        sink.Findings.Should().NotBeEmpty().And.OnlyContain(f => f.Sources.SequenceEqual(new[] { Address(Scanner) }));
        sink.Findings.Should().OnlyContain(f => f.Kind == FindingKind.PortScan && f.Technique == ScanTechnique.Syn);
        sink.Findings.SelectMany(f => f.Ports).Distinct().Order().Should().Equal(Enumerable.Range(20, 30),
            "every probe of the scanner is in some episode's finding");
    }

    [Fact]
    public void ASweepOfThousandsOfRefusedHosts_WritesAsValidJson()
    {
        // 4,096 failures put the walk's likelihood ratio past a double's range; the finding must still be written
        // (the ratio once overflowed to infinity, which JSON cannot carry, and the whole report failed).
        var lines = new List<string>();
        for (var i = 0; i < 4096; i++)
        {
            var target = string.Create(CultureInfo.InvariantCulture, $"10.9.{i / 256}.{i % 256}");
            lines.Add(Syn(i / 64, Scanner, 40000, target, 445));
            lines.Add(Rst(i / 64, target, 445, Scanner, 40000));
        }

        var findings = Run(lines);
        var sweep = findings.Should().ContainSingle().Subject;
        sweep.Kind.Should().Be(FindingKind.PortSweep);
        var log10 = sweep.Attributes["trw"]!["source_log10_likelihood_ratio"]!.GetValue<double>();
        double.IsFinite(log10).Should().BeTrue();
        log10.Should().BeGreaterThan(2, "far past the scanner threshold of ln 99");

        var buffer = new MemoryStream();
        Spoor.Report.AnalysisJsonWriter.Write(new AnalysisResult([], findings), buffer);
        buffer.Position = 0;
        System.Text.Json.Nodes.JsonNode.Parse(buffer)!["findings"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public void AckProbesWhoseResetsCarryAWindow_AreAWindowScan_AndWithoutOneAnAckScan()
    {
        // nmap -sA and -sW send the same bare ACKs; a target whose resets carry a window (older BSD-derived stacks
        // give open ports a non-zero one) is what lets -sW read ports, and what tells the two apart here.
        List<string> Probes(bool windows)
        {
            var lines = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                var port = 20 + i;
                lines.Add(Line(i, 0, $"{Scanner}.40000 > {Target}.{port}: . ack 0 win 1024"));
                var window = windows && i % 2 == 0 ? 5840 : 0;
                lines.Add(Line(i, 1, $"{Target}.{port} > {Scanner}.40000: R 0:0(0) win {window}"));
            }

            return lines;
        }

        var window = Run(Probes(windows: true)).Should().ContainSingle().Subject;
        window.Technique.Should().Be(ScanTechnique.Window);
        window.Attributes["rst_replies_nonzero_window"]!.GetValue<int>().Should().Be(3);

        var ack = Run(Probes(windows: false)).Should().ContainSingle().Subject;
        ack.Technique.Should().Be(ScanTechnique.Ack);
        ack.Attributes["window_scan_indistinguishable"]!.GetValue<bool>().Should().BeTrue();
    }

    /// <summary>
    /// A firewall that logs the new connections it lets through logs every client's browsing: twenty web servers in a
    /// few minutes, three more connections refused, are not a sweep. With no replies in the log, the accepted
    /// contacts are the only sign they were not refused.
    /// </summary>
    [Fact]
    public void ConnectionsAFirewallLoggedAsAccepted_AreNotCountedAsASweep()
    {
        var lines = BrowsingThroughAFirewall();
        for (var i = 0; i < 3; i++) lines.Add(Netfilter(230 + (i * 11), "FW-DROP", Scanner, 41000 + i, $"203.0.{113 + i}.5", 443));

        Run(lines).Should().NotContain(f => f.Kind == FindingKind.PortSweep || f.Kind == FindingKind.PortScan);
    }

    /// <summary>The contacts the firewall refused still count: six refused connections to six more web servers make the sweep.</summary>
    [Fact]
    public void RefusedContactsBesideAcceptedOnes_StillMakeASweep()
    {
        var lines = BrowsingThroughAFirewall();
        for (var i = 0; i < 6; i++) lines.Add(Netfilter(230 + (i * 11), "FW-DROP", Scanner, 41000 + i, $"203.0.{113 + i}.5", 443));

        var sweep = Run(lines).Should().ContainSingle(f => f.Kind == FindingKind.PortSweep).Subject;
        sweep.Ports.Should().Contain(443);
        sweep.Attributes["trw"]!["failures_by_sensor"]!.GetValue<int>().Should().Be(6);
    }

    /// <summary>Twenty connections of one client to web servers (80 and 443) scattered over the address space, each logged by the firewall as accepted.</summary>
    private static List<string> BrowsingThroughAFirewall()
    {
        var lines = new List<string>();
        for (var i = 0; i < 20; i++) lines.Add(Netfilter(i * 11, "FW-ACCEPT", Scanner, 40000 + i, $"{20 + (i * 9)}.{(i * 37) % 256}.{(i * 91) % 256}.{7 + i}", i % 3 == 0 ? 80 : 443));
        return lines;
    }

    private static string Netfilter(int second, string prefix, string source, int sourcePort, string target, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"Dec  8 10:{second / 60 % 60:00}:{second % 60:00} fw kernel: {prefix} IN=eth1 OUT=eth0 SRC={source} DST={target} LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID={second + 1} DF PROTO=TCP SPT={sourcePort} DPT={port} WINDOW=64240 RES=0x00 SYN URGP=0");

    private static List<Finding> Run(List<string> lines) => Run(Encoding.ASCII.GetBytes(string.Join('\n', lines) + "\n"), DetectionOptions.Default);

    private static List<Finding> Run(byte[] bytes, DetectionOptions options)
    {
        var decoded = Decoded.Bytes(bytes);
        decoded.Accounting.Failed.Should().Be(0);
        var detector = new ScanDetector(options);
        var sink = new ListSink();
        foreach (var observation in decoded.Observations)
        {
            // As the engine does: time moves on before the observation that moved it is seen.
            detector.Advance(observation.Time, sink);
            detector.Observe(observation);
        }

        detector.Complete(sink);
        return sink.Findings;
    }

    private static string Syn(int second, string source, int sourcePort, string target, int port) =>
        Line(second, 0, $"{source}.{sourcePort} > {target}.{port}: S 1000:1000(0) win 1024");

    private static string Rst(int second, string source, int sourcePort, string target, int port) =>
        Line(second, 1, $"{source}.{sourcePort} > {target}.{port}: R 0:0(0) ack 1001 win 0 (DF)");

    private static string Line(int second, int micro, string rest) =>
        string.Create(CultureInfo.InvariantCulture, $"{second / 3600 + 1:00}:{second / 60 % 60:00}:{second % 60:00}.{micro:000000} {rest}");

    /// <summary>
    /// A client whose TCP contacts succeed is judged benign by the walk, yet the firewall refusing its UDP probes of
    /// several hosts is still a sweep when the refusals reach the threshold; one refusal short, it is nothing. (The
    /// reporter passes benign sources over early when too few of their contacts were refused: this is that edge.)
    /// </summary>
    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void ABenignClientsRefusedSweepIsReportedFromTheRefusalThreshold(int refusedHosts, bool reported)
    {
        var options = DetectionOptions.Default;
        options.ScanMinRefusedContacts.Should().Be(3, "the cases sit either side of the default");
        var detector = new ScanDetector(options);
        var client = HostAddress.FromIPv4(0x0A000005);
        var clock = new Clock();

        // The firewall refuses the client's UDP probes, then twenty web servers answer its SYNs: the walk, raised by
        // the refusals, comes back down to its benign floor.
        for (var i = 0; i < refusedHosts; i++)
        {
            detector.Observe(clock.Udp(client, HostAddress.FromIPv4(0x0A000100 + (uint)i), 50000, 137, SensorVerdict.Deny));
        }

        BrowseWebServers(detector, clock, client, 20);

        var sink = new ListSink();
        detector.Complete(sink);

        if (!reported)
        {
            sink.Findings.Should().BeEmpty();
            return;
        }

        var finding = sink.Findings.Should().ContainSingle().Subject;
        finding.Kind.Should().Be(FindingKind.PortSweep);
        finding.Technique.Should().Be(ScanTechnique.Udp);
        finding.Sources.Should().Equal(client);
        finding.Targets.Should().HaveCount(refusedHosts);
        finding.Ports.Should().Equal((ushort)137);
        finding.Attributes["method"]!.GetValue<string>().Should().Be("window-count");
        finding.Attributes["trw"]!["successes"]!.GetValue<int>().Should().Be(0, "the sweep's own contacts all failed");
        finding.Attributes["trw"]!["source_log10_likelihood_ratio"]!.GetValue<double>().Should().BeApproximately(Math.Log10(0.01 / 0.99), 1e-4, "the source's walk ended at its benign floor");
    }

    /// <summary>A client's connections to <paramref name="servers"/> web servers, each answered by a SYN-ACK.</summary>
    private static void BrowseWebServers(ScanDetector detector, Clock clock, HostAddress client, int servers)
    {
        for (var i = 0; i < servers; i++)
        {
            var server = HostAddress.FromIPv4(0xC0000200 + (uint)i);
            detector.Observe(clock.Tcp(client, server, (ushort)(40000 + i), 80, TcpFlags.Syn));
            detector.Observe(clock.Tcp(server, client, 80, (ushort)(40000 + i), TcpFlags.Syn | TcpFlags.Ack));
        }
    }

    /// <summary>
    /// A client that has browsed twenty web servers and then meets three closed ports (answered by RST) is a busy
    /// client with some refused connections, not a port-80 sweep: where the capture shows the targets' answers,
    /// contacts they accepted are not counted as evidence of scanning.
    /// </summary>
    [Fact]
    public void AClientsAnsweredConnectionsAreNotCountedAsASweepAfterAFewRefusals()
    {
        var detector = new ScanDetector(DetectionOptions.Default);
        var client = HostAddress.FromIPv4(0x0A000005);
        var clock = new Clock();
        BrowseWebServers(detector, clock, client, 20);

        for (var i = 0; i < 3; i++)
        {
            var server = HostAddress.FromIPv4(0xC0000300 + (uint)i);
            detector.Observe(clock.Tcp(client, server, (ushort)(41000 + i), 8080, TcpFlags.Syn));
            detector.Observe(clock.Tcp(server, client, 8080, (ushort)(41000 + i), TcpFlags.Rst | TcpFlags.Ack));
        }

        var sink = new ListSink();
        detector.Complete(sink);

        sink.Findings.Should().BeEmpty();
    }

    /// <summary>Packets a tenth of a second apart, numbered as frames of one capture.</summary>
    private sealed class Clock
    {
        private long _time = 1_700_000_000L * Timestamp.NanosecondsPerSecond;
        private long _frame;

        public Observation Tcp(HostAddress from, HostAddress to, ushort fromPort, ushort toPort, TcpFlags flags)
        {
            var o = Next(from, to, TransportProtocol.Tcp, fromPort, toPort);
            o.TcpFlags = flags;
            o.Set(ObservationFields.TcpFlags);
            return o;
        }

        /// <summary>A UDP record with the sensor's verdict, as a firewall log gives it.</summary>
        public Observation Udp(HostAddress from, HostAddress to, ushort fromPort, ushort toPort, SensorVerdict verdict)
        {
            var o = Next(from, to, TransportProtocol.Udp, fromPort, toPort);
            o.Verdict = verdict;
            o.Set(ObservationFields.Verdict);
            return o;
        }

        private Observation Next(HostAddress from, HostAddress to, TransportProtocol protocol, ushort fromPort, ushort toPort)
        {
            _time += Timestamp.NanosecondsPerSecond / 10;
            var o = new Observation
            {
                Evidence = EvidenceRef.Frame(0, ++_frame),
                Time = new Timestamp(_time, 6),
                Source = from,
                Destination = to,
                Protocol = protocol,
                SourcePort = fromPort,
                DestinationPort = toPort,
            };
            o.Set(ObservationFields.Time | ObservationFields.Source | ObservationFields.Destination | ObservationFields.Ports);
            return o;
        }
    }

    private static HostAddress Address(string text)
    {
        HostAddress.TryParseOrToken(text, out var address).Should().BeTrue();
        return address;
    }

    private sealed class ListSink : IFindingSink
    {
        public List<Finding> Findings { get; } = [];

        public void Add(Finding finding) => Findings.Add(finding);
    }
}
