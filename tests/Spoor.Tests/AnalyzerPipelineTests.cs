using System.Text.Json.Nodes;
using Spoor.Detect;
using Spoor.Evidence;
using Spoor.Ingest;
using Spoor.Report;

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
