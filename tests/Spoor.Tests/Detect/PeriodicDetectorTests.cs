using Spoor.Detect;
using Spoor.Evidence;
using Spoor.Ingest.Capture;
using Spoor.Tests.Ingest;

namespace Spoor.Tests.Detect;

public sealed class PeriodicDetectorTests
{
    private const long Start = 1_700_000_000L * Timestamp.NanosecondsPerSecond;
    private const uint Poller = 0x0A000005;      // 10.0.0.5
    private const uint Server = 0xC000020A;      // 192.0.2.10
    private const ushort Port = 1600;

    [Fact]
    public void SteadyPoller_WithAMissedBeatAndJitter_IsOnePeriodicFindingAtItsPeriod()
    {
        // Every 120 s ± 2% with beat 5 missing (a 240 s gap).
        var jitter = new[] { 0.0, 1.5, -2.0, 0.7, 0.0, -1.1, 2.2, 0.4, -0.3, 1.0 };
        var times = Enumerable.Range(0, 10).Where(i => i != 5).Select(i => i * 120.0 + jitter[i]);
        var findings = Run(Udp(times));

        var finding = findings.Should().ContainSingle().Subject;
        finding.Kind.Should().Be(FindingKind.Periodic);
        finding.Attributes["period_nominal_seconds"]!.GetValue<double>().Should().BeApproximately(120, 1);
        finding.Attributes["missed_beats"]!.GetValue<int>().Should().Be(1);
        finding.Attributes["occurrences"]!.GetValue<long>().Should().Be(9);
        finding.Attributes["threat"]!.GetValue<string>().Should().Be("low");
        finding.Confidence.Should().BeInRange(0.5, 0.95);
    }

    [Fact]
    public void ConfidenceGrowsWithOccurrences_AndFallsWithSpread()
    {
        var few = Run(Udp(Enumerable.Range(0, 4).Select(i => i * 60.0)));
        var many = Run(Udp(Enumerable.Range(0, 16).Select(i => i * 60.0)));
        var noisy = Run(Udp(Enumerable.Range(0, 16).Select(i => i * 60.0 + (i % 2 == 0 ? 2.5 : -2.5))));
        few.Should().ContainSingle();
        many.Should().ContainSingle();
        noisy.Should().ContainSingle();

        many[0].Confidence.Should().BeGreaterThan(few[0].Confidence);
        noisy[0].Confidence.Should().BeLessThan(many[0].Confidence);
    }

    [Fact]
    public void FiveEchoRequestsOneSecondApart_AreNotAFinding()
    {
        // ping -c 5: periodic, but four seconds of an interactive tool are not what an analyst asks about.
        Run(Udp(Enumerable.Range(0, 5).Select(i => (double)i))).Should().BeEmpty();
    }

    [Fact]
    public void IrregularTraffic_IsNotPeriodic()
    {
        var random = new Random(7);
        var t = 0.0;
        var times = Enumerable.Range(0, 30).Select(_ => t += random.Next(5, 600)).ToList();
        Run(Udp(times)).Should().BeEmpty();
    }

    [Fact]
    public void FloodOfDistinctSources_StaysWithinTheFlowBound_AndCountsEvictions()
    {
        var options = new DetectionOptions { PeriodicMaxFlows = 1024 };
        var detector = new PeriodicDetector(options);
        var packets = Decoded.Bytes(Capture(w =>
        {
            var frame = new byte[128];
            for (var i = 0; i < 20_000; i++)
            {
                var n = FrameBuilder.Udp(frame, 1, 2, 0x0B000000u + (uint)i, Server, 40000, Port, 1, 64, 8);
                w.Write(new Timestamp(Start + i * 1_000_000L, 6), frame.AsSpan(0, n));
            }
        })).Observations;

        var peak = 0;
        foreach (var o in packets)
        {
            detector.Observe(o);
            peak = Math.Max(peak, detector.FlowCount);
        }

        peak.Should().BeLessThanOrEqualTo(1024);
        detector.Evicted.Should().BeGreaterThanOrEqualTo(20_000 - 1024);
        var sink = new ListSink();
        detector.Complete(sink);
        sink.Findings.Should().BeEmpty();
    }

    [Fact]
    public void SteadyPollerOverAWeek_KeepsOneFlow_AndAllocatesNothingPerObservation()
    {
        var detector = new PeriodicDetector(DetectionOptions.Default);
        const int beats = 10_080; // a week of one poll a minute
        var packets = Decoded.Bytes(Capture(w =>
        {
            var frame = new byte[128];
            for (var i = 0; i < beats; i++)
            {
                var n = FrameBuilder.Udp(frame, 1, 2, Poller, Server, (ushort)(1024 + i % 60000), 123, (ushort)i, 64, 48);
                w.Write(new Timestamp(Start + i * 60L * Timestamp.NanosecondsPerSecond, 6), frame.AsSpan(0, n));
            }
        })).Observations;

        var sink = new ListSink();
        for (var i = 0; i < 100; i++) detector.Observe(packets[i]); // warm up: the flow's state is made here
        var most = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < packets.Count; i++)
        {
            detector.Observe(packets[i]);
            detector.Advance(packets[i].Time, sink); // the engine tells the time once a minute: so do we
            most = Math.Max(most, detector.FlowCount);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        most.Should().Be(1);
        allocated.Should().BeLessThan(4096, "steady traffic must not allocate per observation (an idle sweep enumerator at most)");

        detector.Complete(sink);
        var finding = sink.Findings.Should().ContainSingle().Subject;
        finding.Packets.Should().Be(beats);
        finding.Evidence.Count.Should().Be(DetectionOptions.Default.EvidencePerFinding);
        finding.Attributes["period_nominal_seconds"]!.GetValue<double>().Should().Be(60);
        finding.Attributes["intervals_from_last"]!.GetValue<int>().Should().Be(DetectionOptions.Default.PeriodicHistory);
    }

    [Fact]
    public void RepliesAndPacketsInsideConnections_AreNotOccurrences()
    {
        var bytes = Capture(w =>
        {
            var frame = new byte[128];
            for (var i = 0; i < 10; i++)
            {
                var n = FrameBuilder.Tcp(frame, 1, 2, Poller, Server, 40000, 80, TcpFlags.Ack | TcpFlags.Psh, 1, 1, 512, 1, 64, 10);
                w.Write(new Timestamp(Start + i * 60L * Timestamp.NanosecondsPerSecond, 6), frame.AsSpan(0, n));
            }
        });

        Run(Decoded.Bytes(bytes).Observations).Should().BeEmpty();
    }

    [Fact]
    public void SameSynResentOnADoublingSchedule_IsARetransmissionBackoff_MatchedToTheStacksThatSendIt()
    {
        var t = 0.0;
        var schedule = new[] { 0.0, 1, 2, 4, 8, 16, 32 }; // Linux 3.7+: six resends from a 1 s RTO
        var bytes = Capture(w =>
        {
            var frame = new byte[128];
            foreach (var gap in schedule)
            {
                t += gap;
                var n = FrameBuilder.Tcp(frame, 1, 2, Poller, Server, 40000, 22, TcpFlags.Syn, 12345, 0, 64240, 1, 64);
                w.Write(new Timestamp(Start + (long)(t * Timestamp.NanosecondsPerSecond), 6), frame.AsSpan(0, n));
            }
        });

        var finding = Run(Decoded.Bytes(bytes).Observations).Should().ContainSingle().Subject;
        finding.Attributes["method"]!.GetValue<string>().Should().Be("retransmission-backoff");
        finding.Attributes["cap_seconds"].Should().BeNull();
        finding.Attributes["stacks"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("Linux 3.7 and later");
    }

    private static List<Finding> Run(IEnumerable<Observation> observations, DetectionOptions? options = null)
    {
        var detector = new PeriodicDetector(options ?? DetectionOptions.Default);
        var sink = new ListSink();
        foreach (var o in observations) detector.Observe(o);
        detector.Complete(sink);
        return sink.Findings;
    }

    private static IReadOnlyList<Observation> Udp(IEnumerable<double> seconds) =>
        Decoded.Bytes(Capture(w =>
        {
            var frame = new byte[128];
            ushort port = 4000;
            foreach (var s in seconds)
            {
                var n = FrameBuilder.Udp(frame, 1, 2, Poller, Server, port++, Port, 7, 64, 46);
                w.Write(new Timestamp(Start + (long)(s * Timestamp.NanosecondsPerSecond), 6), frame.AsSpan(0, n));
            }
        })).Observations;

    private static byte[] Capture(Action<PcapWriter> write)
    {
        var file = new MemoryStream();
        using (var writer = new PcapWriter(file, LinkTypes.Ethernet)) write(writer);
        return file.ToArray();
    }

    private sealed class ListSink : IFindingSink
    {
        public List<Finding> Findings { get; } = [];

        public void Add(Finding finding) => Findings.Add(finding);
    }
}
