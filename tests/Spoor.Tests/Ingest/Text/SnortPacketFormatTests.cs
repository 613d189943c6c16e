namespace Spoor.Tests.Ingest.Text;

/// <summary>Snort packet-log records (no alert): multi-line, Ethernet, flattened, separated, and broken.</summary>
public sealed class SnortPacketFormatTests
{
    [Fact]
    public void MultiLinePacketLog_IsOneLoggedRecordPerPacket_AndSeparatorsAreSkipped()
    {
        var decoded = SnortInput.Decode(
            "05/20-17:06:45.061034 192.160.13.4:31337 -> 172.16.1.101:1",
            "TCP TTL:44 TOS:0x10 ID:242 IpLen:20 DgmLen:40",
            "***FRP** Seq: 0xA1D95  Ack: 0x53  Win: 0x400  TcpLen: 20",
            "=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+",
            "",
            "05/20-17:06:45.061200 192.160.13.4:31337 -> 172.16.1.101:2",
            "TCP TTL:44 TOS:0x10 ID:242 IpLen:20 DgmLen:40",
            "***FRP** Seq: 0xA1D95  Ack: 0x53  Win: 0x400  TcpLen: 20",
            "=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+");

        decoded.Records.Should().HaveCount(2);
        decoded.Books.Skipped.Should().Be(2);
        decoded.Books.Failed.Should().Be(0);
        var first = decoded.Records[0];
        first["verdict"]!.GetValue<string>().Should().Be("log");
        first.ContainsKey("message").Should().BeFalse("no rule fired");
        first["flags"]!.GetValue<string>().Should().Be("PRF");
        first["payload_len"]!.GetValue<int>().Should().Be(0);
        decoded.Records[1]["dport"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public void EthernetLine_GivesTheHardwareAddresses_SourceFirst()
    {
        var record = SnortInput.Decode(
            "05/20-17:06:45.061034 0:10:4B:A:B:C -> 0:E0:1E:60:70:80 type:0x800 len:0x3C",
            "192.160.13.4:31337 -> 172.16.1.101:1 TCP TTL:44 TOS:0x10 ID:242 IpLen:20 DgmLen:40",
            "***FRP** Seq: 0xA1D95  Ack: 0x53  Win: 0x400  TcpLen: 20").Single();

        record["src_mac"]!.GetValue<string>().Should().Be("00:10:4b:0a:0b:0c");
        record["dst_mac"]!.GetValue<string>().Should().Be("00:e0:1e:60:70:80");
        record["src"]!.GetValue<string>().Should().Be("192.160.13.4");
        record.ContainsKey("frame_len").Should().BeFalse("a text record has no frame");
    }

    [Fact]
    public void UnrelatedLineAfterAPacket_IsNotSwallowedIntoIt()
    {
        var decoded = SnortInput.Decode(
            "05/20-17:06:45.061034 192.160.13.4:31337 -> 172.16.1.101:1",
            "TCP TTL:44 TOS:0x10 ID:242",
            "this is prose, not Snort");

        decoded.Records.Should().ContainSingle();
        decoded.Books.Problems.Should().ContainSingle().Which.Location.Should().Be("line 3");
    }

    [Fact]
    public void BadProtocolLineValue_IsAFailedRecord()
    {
        var decoded = SnortInput.Decode("05/20-17:06:45.061034 192.160.13.4:31337 -> 172.16.1.101:1", "TCP TTL:44 TOS:0xZZ ID:242");
        decoded.Records.Should().BeEmpty();
        decoded.Books.Problems.Should().ContainSingle().Which.Message.Should().Contain("bad TOS");
    }
}
