using System.Text.Json.Nodes;
using Spoor.Detect;
using Spoor.Evidence;
using Spoor.Ingest;
using Spoor.Report;
using Spoor.Tests.Ingest;

namespace Spoor.Tests;

/// <summary>Reading on its own thread changes nothing but speed: the same findings and books, failures and cancellation still reach the caller.</summary>
[Collection(nameof(AnalyzerPipelineTests))]
[CollectionDefinition(nameof(AnalyzerPipelineTests), DisableParallelization = true)]
public sealed class AnalyzerPipelineTests
{
    public static TheoryData<string> Inputs() => Spoor.Tests.Detect.ConnectionShortcutTests.Inputs();

    [Theory]
    [MemberData(nameof(Inputs))]
    public void PipelinedAndInlineAnalysesWriteTheSameDocument(string input)
    {
        var paths = new List<string> { TestPaths.Data(input) };
        var pipelined = Document(() => Analyzer.Run(paths, new IngestOptions { Year = 2000 }), pipelined: true);
        var inline = Document(() => Analyzer.Run(paths, new IngestOptions { Year = 2000 }), pipelined: false);
        pipelined.Should().Be(inline);
        pipelined.Should().Contain("\"findings\"");
    }

    [Fact]
    public void PipelinedAndInlineAnalysesOfManyInputsTogetherWriteTheSameDocument()
    {
        // Merged inputs, duplicate marking across sensors, and every detector at once.
        var paths = Directory.EnumerateFiles(TestPaths.Data("fixtures"), "*.pcap").Order(StringComparer.Ordinal)
            .Concat(Directory.EnumerateFiles(TestPaths.Data("fixtures"), "*.log").Order(StringComparer.Ordinal)).ToList();
        var pipelined = Document(() => Analyzer.Run(paths, new IngestOptions { Year = 2026 }), pipelined: true);
        var inline = Document(() => Analyzer.Run(paths, new IngestOptions { Year = 2026 }), pipelined: false);
        pipelined.Should().Be(inline);
    }

    [Fact]
    public void ADetectorThatReadsNoEstablishedSegmentsIsSparedThemButKeepsTheClock()
    {
        using var capture = WriteCapture(ScanThenLongConnection());
        var inline = Record(capture.Path, pipelined: false, EstablishedSegments.None);
        var pipelined = Record(capture.Path, pipelined: true, EstablishedSegments.None);

        inline.Established.Should().BeGreaterThan(100);
        pipelined.Established.Should().BeLessThan(inline.Established / 10, "established segments stay on the reading thread");
        pipelined.Others.Should().Equal(inline.Others);
        pipelined.Advances.Should().Equal(inline.Advances).And.NotBeEmpty();
    }

    [Fact]
    public void ADetectorThatReadsEstablishedSegmentsIsHandedEveryOne()
    {
        using var capture = WriteCapture(ScanThenLongConnection());
        var inline = Record(capture.Path, pipelined: false, EstablishedSegments.All);
        var pipelined = Record(capture.Path, pipelined: true, EstablishedSegments.All);

        pipelined.Established.Should().Be(inline.Established).And.BeGreaterThan(100);
        pipelined.Others.Should().Equal(inline.Others);
    }

    [Theory]
    [InlineData((ushort)25, true)]
    [InlineData((ushort)80, false)]
    public void ADetectorThatReadsSmtpSessionsIsHandedTheirEstablishedSegmentsOnly(ushort serverPort, bool handed)
    {
        using var capture = WriteCapture(ScanThenLongConnection(serverPort: serverPort));
        var inline = Record(capture.Path, pipelined: false, EstablishedSegments.Smtp);
        var pipelined = Record(capture.Path, pipelined: true, EstablishedSegments.Smtp);

        inline.Established.Should().BeGreaterThan(100);
        if (handed) pipelined.Established.Should().Be(inline.Established);
        else pipelined.Established.Should().BeLessThan(inline.Established / 10);
        pipelined.Others.Should().Equal(inline.Others);
    }

    [Fact]
    public void UnansweredProbesAreJudgedSilentAgainstTheEndOfTheWholeStream()
    {
        // Six of twelve probes refused, six never answered; the capture then runs on for 20 s (well past the reply
        // timeout, before the detection clock's first minute) of one connection's established segments, which the scan
        // detector is never handed on two threads. Silence is judged against the stream's end either way.
        using var capture = WriteCapture(ScanThenLongConnection(segments: 40));
        foreach (var pipelined in new[] { false, true })
        {
            var previous = Analyzer.Pipelined;
            Analyzer.Pipelined = pipelined;
            try
            {
                var scan = Analyzer.Run([capture.Path]).Findings.Single(f => f.Kind == FindingKind.PortScan);
                scan.Attributes["trw"]!["failures_by_silence"]!.GetValue<int>().Should().Be(6, pipelined ? "pipelined" : "inline");
            }
            finally
            {
                Analyzer.Pipelined = previous;
            }
        }
    }

    [Fact]
    public void AFailureWhileReadingReachesTheCaller()
    {
        var previous = Analyzer.Pipelined;
        Analyzer.Pipelined = true;
        try
        {
            var act = () => Analyzer.Run([new FailingSource(afterRecords: 5000)], DetectorCatalog.Create(DetectionOptions.Default));
            act.Should().Throw<IOException>().WithMessage("disk gone");
        }
        finally
        {
            Analyzer.Pipelined = previous;
        }
    }

    [Fact]
    public void CancellationStopsBothThreads()
    {
        var previous = Analyzer.Pipelined;
        Analyzer.Pipelined = true;
        try
        {
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            var act = () => Analyzer.Run([new FailingSource(afterRecords: long.MaxValue)], DetectorCatalog.Create(DetectionOptions.Default), cancellation: cancel.Token);
            act.Should().Throw<OperationCanceledException>();
        }
        finally
        {
            Analyzer.Pipelined = previous;
        }
    }

    private static string Document(Func<AnalysisResult> run, bool pipelined)
    {
        var previous = Analyzer.Pipelined;
        Analyzer.Pipelined = pipelined;
        try
        {
            var buffer = new MemoryStream();
            AnalysisJsonWriter.Write(run(), buffer);
            buffer.Position = 0;
            return JsonNode.Parse(buffer)!.ToJsonString();
        }
        finally
        {
            Analyzer.Pipelined = previous;
        }
    }

    /// <summary>
    /// 10.0.0.9 probes twelve ports of 10.0.0.2, which refuses the first six and ignores the rest; then 10.0.0.3 and
    /// 10.0.0.4 hold one connection, a data segment each half second (360: three minutes).
    /// </summary>
    private static List<(long Time, byte[] Frame)> ScanThenLongConnection(int segments = 360, ushort serverPort = 80)
    {
        const uint Scanner = 0x0A000009, Target = 0x0A000002, Client = 0x0A000003, Server = 0x0A000004;
        var frames = new List<(long, byte[])>();
        var t = 0L;
        void Add(uint from, uint to, ushort fromPort, ushort toPort, TcpFlags flags, uint seq, uint ack, int payload = 0)
        {
            var frame = new byte[1600];
            var length = Spoor.Ingest.Capture.FrameBuilder.Tcp(frame, 1, 2, from, to, fromPort, toPort, flags, seq, ack, 1024, (ushort)frames.Count, 64, payload);
            frames.Add((t, frame[..length]));
        }

        for (ushort port = 1; port <= 12; port++)
        {
            t += 10_000_000;
            Add(Scanner, Target, 45000, port, TcpFlags.Syn, 777, 0);
            if (port > 6) continue;
            t += 1_000_000;
            Add(Target, Scanner, port, 45000, TcpFlags.Rst | TcpFlags.Ack, 0, 778);
        }

        t += 100_000_000;
        Add(Client, Server, 40000, serverPort, TcpFlags.Syn, 1000, 0);
        Add(Server, Client, serverPort, 40000, TcpFlags.Syn | TcpFlags.Ack, 5000, 1001);
        Add(Client, Server, 40000, serverPort, TcpFlags.Ack, 1001, 5001);
        for (var i = 0; i < segments; i++)
        {
            t += 500_000_000;
            Add(Server, Client, serverPort, 40000, TcpFlags.Ack | TcpFlags.Psh, 5001 + (uint)(i * 100), 1001, payload: 100);
        }

        return frames;
    }

    private static TemporaryCapture WriteCapture(List<(long Time, byte[] Frame)> frames)
    {
        var path = Path.Combine(Path.GetTempPath(), $"spoor-pipeline-{Guid.NewGuid():N}.pcap");
        File.WriteAllBytes(path, Decoded.Pcap(frames));
        return new TemporaryCapture(path);
    }

    /// <summary>A capture written for one test, deleted when the test is done with it.</summary>
    private sealed record TemporaryCapture(string Path) : IDisposable
    {
        public void Dispose() => File.Delete(Path);
    }

    private static Recording Record(string path, bool pipelined, EstablishedSegments reads)
    {
        var previous = Analyzer.Pipelined;
        Analyzer.Pipelined = pipelined;
        try
        {
            var recorder = new RecordingDetector(reads);
            Analyzer.Run([InputOpener.Open(path, 0)], [recorder]);
            return recorder.Recording;
        }
        finally
        {
            Analyzer.Pipelined = previous;
        }
    }

    private sealed record Recording(List<long> Others, List<long> Advances)
    {
        public int Established { get; set; }
    }

    /// <summary>Writes down what it is handed: established segments counted, the other records' evidence offsets, the clock.</summary>
    private sealed class RecordingDetector(EstablishedSegments reads) : IDetector
    {
        public Recording Recording { get; } = new([], []);

        public string Name => "recording";

        public long Evicted => 0;

        public EstablishedSegments ReadsEstablished => reads;

        public void Observe(in Observation observation)
        {
            if (observation.Has(ObservationFields.Established)) Recording.Established++;
            else Recording.Others.Add(observation.Evidence.Number);
        }

        public void Advance(Timestamp now, IFindingSink sink) => Recording.Advances.Add(now.UnixNanoseconds);

        public void Complete(IFindingSink sink)
        {
        }
    }

    /// <summary>An endless stream of identical SYNs that fails after a number of records.</summary>
    private sealed class FailingSource(long afterRecords) : IObservationSource
    {
        private long _read;

        public InputAccounting Accounting { get; } = new(0, "failing");

        public double? Progress => null;

        public bool TryRead(out Observation observation)
        {
            if (++_read > afterRecords) throw new IOException("disk gone");
            var frame = new byte[64];
            var length = Spoor.Ingest.Capture.FrameBuilder.Tcp(frame, 1, 2, 0x0A000001, 0x0A000002, 40000, 80, TcpFlags.Syn, 1, 0, 1024, 1, 64);
            observation = default;
            Spoor.Ingest.Decoding.PacketDecoder.DecodeLink(Spoor.Ingest.Capture.LinkTypes.Ethernet, frame.AsSpan(0, length), false, ref observation);
            observation.Time = new Timestamp(1_700_000_000_000_000_000L + _read, 9);
            observation.Set(ObservationFields.Time);
            return true;
        }

        public void Dispose()
        {
        }
    }
}
