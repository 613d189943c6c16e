using System.Buffers.Binary;
using Spoor.Evidence;
using Spoor.Ingest.Capture;

namespace Spoor.Tests.Ingest;

public sealed class PcapNgReaderTests
{
    [Fact]
    public void MultiInterfaceFile_KeepsEachInterfacesLinkTypeAndResolution()
    {
        var decoded = Decoded.File(TestPaths.Data("public", "zeek", "pcapng-multi-interface.pcapng"));
        decoded.Accounting.Format.Should().Be("pcapng");
        decoded.Observations.Select(o => o.InterfaceId).Distinct().Should().BeEquivalentTo(new uint[] { 0, 1 });
        decoded.Observations.Should().OnlyContain(o => o.Has(ObservationFields.Interface));
        // Interface 0 records nanoseconds, interface 1 microseconds (if_tsresol), so output precision follows each.
        decoded.Observations.Where(o => o.InterfaceId == 0).Should().OnlyContain(o => o.Time.FractionDigits == 9);
        decoded.Observations.Where(o => o.InterfaceId == 1).Should().OnlyContain(o => o.Time.FractionDigits == 6);
    }

    [Fact]
    public void BigEndianSection_WithBinaryResolution_SimpleAndObsoleteBlocks_AndUnknownBlocks()
    {
        var frame = new byte[128];
        var length = FrameBuilder.Udp(frame, 1, 2, 0x0A000001, 0x0A000002, 5353, 53, 77, 64, 4);
        var file = new MemoryStream();
        WriteSectionHeader(file);
        WriteBlock(file, 1, body =>
        {
            body.Write(U16(LinkTypes.Ethernet));
            body.Write(U16(0));
            body.Write(U32(65535));
            body.Write(U16(9)); // if_tsresol: 2^-10 seconds per tick
            body.Write(U16(1));
            body.Write([0x8A, 0, 0, 0]);
            body.Write(U16(0));
            body.Write(U16(0));
        });
        WriteBlock(file, 0x0BAD0001, body => body.Write(U32(42)));
        WriteBlock(file, 6, body =>
        {
            body.Write(U32(0));
            body.Write(U32(0));
            body.Write(U32(1024 * 5 + 512)); // 5.5 s
            body.Write(U32((uint)length));
            body.Write(U32((uint)length));
            body.Write(Padded(frame.AsSpan(0, length)));
        });
        WriteBlock(file, 3, body =>
        {
            body.Write(U32((uint)length));
            body.Write(Padded(frame.AsSpan(0, length)));
        });
        WriteBlock(file, 2, body =>
        {
            body.Write(U16(0));
            body.Write(U16(0));
            body.Write(U32(0));
            body.Write(U32(2048));
            body.Write(U32((uint)length));
            body.Write(U32((uint)length));
            body.Write(Padded(frame.AsSpan(0, length)));
        });

        var decoded = Decoded.Bytes(file.ToArray());

        decoded.Accounting.Problems.Should().BeEmpty();
        decoded.Observations.Should().HaveCount(3);
        decoded.Observations.Should().OnlyContain(o => o.DestinationPort == 53 && o.IpId == 77);
        decoded.Observations[0].Time.UnixNanoseconds.Should().Be(5_500_000_000);
        decoded.Observations[1].Has(ObservationFields.Time).Should().BeFalse("a simple packet block has no timestamp");
        decoded.Observations[2].Time.UnixNanoseconds.Should().Be(2_000_000_000);
        decoded.Accounting.IgnoredBlocks.Should().ContainKey("unknown block type 0x0BAD0001");
    }

    [Fact]
    public void PacketNamingAnUndeclaredInterface_IsAFailedRecordAndReadingGoesOn()
    {
        var frame = new byte[128];
        var length = FrameBuilder.Tcp(frame, 1, 2, 0x0A000001, 0x0A000002, 1000, 80, TcpFlags.Syn, 1, 0, 1024, 5, 64);
        var file = new MemoryStream();
        WriteSectionHeader(file);
        WriteBlock(file, 1, body =>
        {
            body.Write(U16(LinkTypes.Ethernet));
            body.Write(U16(0));
            body.Write(U32(0));
        });
        foreach (var iface in new uint[] { 3, 0 })
        {
            WriteBlock(file, 6, body =>
            {
                body.Write(U32(iface));
                body.Write(U32(0));
                body.Write(U32(1));
                body.Write(U32((uint)length));
                body.Write(U32((uint)length));
                body.Write(Padded(frame.AsSpan(0, length)));
            });
        }

        var decoded = Decoded.Bytes(file.ToArray());
        decoded.Observations.Should().ContainSingle().Which.Evidence.Number.Should().Be(2);
        decoded.Accounting.Failed.Should().Be(1);
        decoded.Accounting.Problems.Single().Location.Should().StartWith("frame 1");
        decoded.Accounting.Problems.Single().Message.Should().Contain("interface 3");
    }

    private static void WriteSectionHeader(MemoryStream file) => WriteBlock(file, PcapNgReader.SectionHeaderBlockType, body =>
    {
        body.Write(U32(PcapNgReader.ByteOrderMagic));
        body.Write(U16(1));
        body.Write(U16(0));
        body.Write(U64(ulong.MaxValue));
    });

    private static void WriteBlock(MemoryStream file, uint type, Action<MemoryStream> writeBody)
    {
        var body = new MemoryStream();
        writeBody(body);
        var total = (uint)(body.Length + 12);
        file.Write(U32(type));
        file.Write(U32(total));
        file.Write(body.ToArray());
        file.Write(U32(total));
    }

    private static byte[] Padded(ReadOnlySpan<byte> data)
    {
        var padded = new byte[(data.Length + 3) & ~3];
        data.CopyTo(padded);
        return padded;
    }

    private static byte[] U16(ushort v)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, v);
        return b;
    }

    private static byte[] U32(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        return b;
    }

    private static byte[] U64(ulong v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, v);
        return b;
    }
}
