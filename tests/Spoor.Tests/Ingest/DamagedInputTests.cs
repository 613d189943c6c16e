using System.Buffers.Binary;
using Spoor.Ingest;

namespace Spoor.Tests.Ingest;

/// <summary>
/// Damaged captures never throw, every record is accounted for, and every cut or corrupt record is
/// reported with its location.
/// </summary>
public sealed class DamagedInputTests
{
    public static TheoryData<string> SmallCaptures() => new()
    {
        "zeek/tcp/syn-synack.pcap",
        "zeek/pcapng-multi-interface.pcapng",
        "zeek/linux_dlt_sll2.pcap",
        "zeek/icmp/icmp-destunreach-udp.pcap",
        "zeek/ipv4/fragmented-1.pcap",
        "esnet/tcp/control/single_syn.pcap",
    };

    [Theory]
    [MemberData(nameof(SmallCaptures))]
    public void CutAtEveryOffset_NeverThrows_AndReportsTheCut(string capture)
    {
        var bytes = File.ReadAllBytes(TestPaths.Data("public", capture));
        var whole = Decoded.Bytes(bytes);
        whole.Accounting.Failed.Should().Be(0);
        var boundaries = RecordBoundaries(bytes);

        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var decoded = Decoded.Bytes(bytes[..cut], $"{capture} cut at {cut}");
            var books = decoded.Accounting;
            books.Records.Should().Be(books.Decoded + books.Skipped + books.Failed);
            decoded.Observations.Should().HaveCountLessThanOrEqualTo(whole.Observations.Count);
            decoded.Lines.Should().Equal(whole.Lines.Take(decoded.Lines.Count), $"records before a cut at byte {cut} decode as in the whole file");
            if (!boundaries.Contains(cut) && cut > 0)
            {
                books.Problems.Should().NotBeEmpty($"a cut at byte {cut}, inside a header or record, must say where");
                books.Problems.Should().OnlyContain(p => p.Location.Length > 0 && p.Message.Length > 0);
            }
        }
    }

    // Offsets where a file may end cleanly: after the pcap file header or a whole record, or after a whole pcapng block.
    private static HashSet<int> RecordBoundaries(byte[] bytes)
    {
        var boundaries = new HashSet<int>();
        var pcapng = BinaryPrimitives.ReadUInt32LittleEndian(bytes) == 0x0A0D0D0A;
        var at = pcapng ? 0 : 24;
        boundaries.Add(at);
        while (at + 16 <= bytes.Length)
        {
            at += pcapng
                ? (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4))
                : 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8));
            boundaries.Add(at);
        }

        return boundaries;
    }

    [Theory]
    [MemberData(nameof(SmallCaptures))]
    public void EveryByteFlipped_NeverThrows_AndBooksBalance(string capture)
    {
        var bytes = File.ReadAllBytes(TestPaths.Data("public", capture));
        for (var at = 0; at < bytes.Length; at++)
        {
            foreach (var value in new byte[] { 0x00, 0xFF, (byte)(bytes[at] ^ 0x5A) })
            {
                var damaged = (byte[])bytes.Clone();
                damaged[at] = value;
                var books = Decoded.Bytes(damaged).Accounting;
                books.Records.Should().Be(books.Decoded + books.Skipped + books.Failed);
                books.Problems.Should().HaveCountLessThanOrEqualTo(InputAccounting.MaxProblemsKept);
            }
        }
    }

    [Fact]
    public void RecordLongerThanTheFile_IsAFailedRecordWithItsFrameAndByteOffset()
    {
        var bytes = File.ReadAllBytes(TestPaths.Data("public", "zeek/tcp/syn-synack.pcap"));
        var decoded = Decoded.Bytes(bytes[..^10]);
        decoded.Observations.Should().HaveCount(1);
        decoded.Accounting.Failed.Should().Be(1);
        var problem = decoded.Accounting.Problems.Single();
        problem.Location.Should().Be("frame 2 (byte 118)");
        problem.Message.Should().Contain("file ends inside a record");
    }

    [Fact]
    public void ImpossibleRecordLength_StopsWithALocatedFailure()
    {
        var bytes = File.ReadAllBytes(TestPaths.Data("public", "zeek/tcp/syn-synack.pcap"));
        // Frame 2's included-length field sits 8 bytes into its record header at byte 118.
        bytes[118 + 8] = 0xFF;
        bytes[118 + 9] = 0xFF;
        bytes[118 + 10] = 0xFF;
        bytes[118 + 11] = 0x7F;
        var decoded = Decoded.Bytes(bytes);
        decoded.Observations.Should().HaveCount(1);
        decoded.Accounting.Failed.Should().Be(1);
        decoded.Accounting.Problems.Single().Message.Should().Contain("corrupt");
    }

    [Fact]
    public void UnrecognisedBinary_IsAnUnreadableInputNamingTheFirstBytes()
    {
        var decoded = Decoded.Bytes([0x00, 0x01, 0x02, 0x03, 0x04, 0x05]);
        decoded.Accounting.Format.Should().Be("unknown");
        decoded.Accounting.Problems.Single().Message.Should().Contain("000102030405"[..8]);
    }

    [Fact]
    public void TextThatIsNoKnownLog_IsReadAsText_EachLineAFailedRecordWithItsNumber()
    {
        var decoded = Decoded.Bytes("hello, world\n\nsecond line\n"u8.ToArray());
        decoded.Accounting.Format.Should().Be("text");
        decoded.Accounting.Failed.Should().Be(2);
        decoded.Accounting.Problems.Select(p => p.Location).Should().Equal("line 1", "line 3");
        decoded.Accounting.Problems[0].Message.Should().Contain("hello, world");
    }

    [Fact]
    public void EmptyInput_IsReportedAsEmpty()
    {
        Decoded.Bytes([]).Accounting.Problems.Single().Message.Should().Be("input is empty");
    }
}
