using BenchmarkDotNet.Attributes;
using Spoor.Evidence;
using Spoor.Ingest.Capture;
using Spoor.Ingest.Decoding;

namespace Spoor.Bench;

/// <summary>Per-frame decode cost of the commonest frames, for before/after comparisons of decoder changes.</summary>
[MemoryDiagnoser]
public class DecoderMicroBenchmarks
{
    private readonly byte[] _syn = new byte[128];
    private readonly byte[] _udp = new byte[128];
    private int _synLength;
    private int _udpLength;

    [GlobalSetup]
    public void Setup()
    {
        _synLength = FrameBuilder.Tcp(_syn, 1, 2, 0x0A000001, 0xC0000201, 40000, 80, TcpFlags.Syn, 12345, 0, 1024, 7, 64);
        _udpLength = FrameBuilder.Udp(_udp, 1, 2, 0x0A000001, 0xC0000201, 40000, 53, 7, 64, 40);
    }

    [Benchmark]
    public DecodeOutcome TcpSyn()
    {
        var observation = default(Observation);
        return PacketDecoder.DecodeLink(LinkTypes.Ethernet, _syn.AsSpan(0, _synLength), false, ref observation);
    }

    [Benchmark]
    public DecodeOutcome Udp()
    {
        var observation = default(Observation);
        return PacketDecoder.DecodeLink(LinkTypes.Ethernet, _udp.AsSpan(0, _udpLength), false, ref observation);
    }
}
