using System.Buffers.Binary;
using System.IO.Compression;
using Spoor.Evidence;
using Spoor.Ingest;
using Spoor.Ingest.Capture;

namespace Spoor.Tests.Ingest;

public sealed class PcapReaderTests
{
    private static byte[] SynCapture(bool nanoseconds, int snapTo = -1)
    {
        var frame = new byte[128];
        var length = FrameBuilder.Tcp(frame, 0x020000000001, 0x020000000002, 0xC0000201, 0xC0000202, 31337, 1,
            TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Psh, 0xA1D95, 0x53, 0x400, 242, 44);
        var file = new MemoryStream();
        using (var writer = new PcapWriter(file, LinkTypes.Ethernet, nanoseconds))
        {
            var data = frame.AsSpan(0, snapTo < 0 ? length : snapTo);
            writer.Write(new Timestamp(958842405_061034123, 9), data, length);
        }

        return file.ToArray();
    }

    [Fact]
    public void NanosecondMagic_KeepsNanoseconds_MicrosecondMagic_KeepsMicroseconds()
    {
        Decoded.Bytes(SynCapture(nanoseconds: true)).Observations.Single().Time.Should().Be(new Timestamp(958842405_061034123, 9));
        Decoded.Bytes(SynCapture(nanoseconds: false)).Observations.Single().Time.Should().Be(new Timestamp(958842405_061034000, 6));
    }

    [Fact]
    public void BigEndianFile_DecodesTheSame()
    {
        var little = SynCapture(nanoseconds: false);
        var big = (byte[])little.Clone();
        foreach (var at in new[] { 0, 8, 12, 16, 20, 24, 28, 32, 36 })
        {
            BinaryPrimitives.WriteUInt32BigEndian(big.AsSpan(at), BinaryPrimitives.ReadUInt32LittleEndian(little.AsSpan(at)));
        }

        BinaryPrimitives.WriteUInt16BigEndian(big.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16BigEndian(big.AsSpan(6), 4);
        Decoded.Bytes(big).Lines.Should().Equal(Decoded.Bytes(little).Lines);
    }

    [Fact]
    public void CraftedFrpProbe_DecodesEveryFieldTheSeedAnalystRead()
    {
        var o = Decoded.Bytes(SynCapture(nanoseconds: false)).Observations.Single();
        o.TcpFlags.Should().Be(TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Psh);
        TcpFlagsText.ToText(o.TcpFlags).Should().Be("PRF");
        (o.IpId, o.Sequence, o.Acknowledgement, o.Window, o.Ttl, o.SourcePort).Should().Be((242u, 0xA1D95u, 0x53u, (ushort)0x400, (byte)44, (ushort)31337));
        o.Source.ToString().Should().Be("192.0.2.1");
    }

    [Fact]
    public void SnapLengthCut_IsANoteNotAProblem_AndKeepsTheHeadersThatFit()
    {
        var decoded = Decoded.Bytes(SynCapture(nanoseconds: false, snapTo: 14 + 20 + 8));
        decoded.Accounting.Problems.Should().BeEmpty();
        decoded.Accounting.Notes.Should().ContainSingle(n => n.Contains("snap length", StringComparison.Ordinal));
        var o = decoded.Observations.Single();
        o.Has(ObservationFields.Source).Should().BeTrue();
        o.Protocol.Should().Be(TransportProtocol.Tcp);
        o.Has(ObservationFields.Ports).Should().BeFalse("the TCP header was cut by the snap length");
    }

    [Fact]
    public void GzipCompressedCapture_IsReadTransparently_FromAFileAndFromAPipe()
    {
        var plain = File.ReadAllBytes(TestPaths.Data("public", "zeek", "tcp", "syn-synack.pcap"));
        var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) zip.Write(plain);

        var path = Path.Combine(Path.GetTempPath(), $"spoor-test-{Guid.NewGuid():N}.pcap.gz");
        File.WriteAllBytes(path, gz.ToArray());
        try
        {
            var fromFile = Decoded.File(path);
            fromFile.Lines.Should().Equal(Decoded.Bytes(plain).Lines);
            fromFile.Accounting.Notes.Should().Contain(n => n.Contains("gzip", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }

        using var pipe = new NonSeekableStream(gz.ToArray());
        using var source = InputOpener.Open(pipe, new InputAccounting(0, "-"));
        Analyzer.Drain(source).Should().Be(2);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
