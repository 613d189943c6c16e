namespace Spoor.Tests.Ingest.Text;

/// <summary>Snort full alerts: the Snort 2.x fields the seed traces (Snort 1.x) do not have, damage, and the edges of a record.</summary>
public sealed class SnortAlertFullFormatTests
{
    [Fact]
    public void Snort2TcpAlert_ReadsLengthsFlagsAndOptions_AndSkipsClassificationAndReferences()
    {
        var record = SnortInput.Decode(
            "[**] [1:1228:7] SCAN nmap XMAS [**]",
            "[Classification: Attempted Information Leak] [Priority: 2]",
            "03/18-02:25:46.587048 10.0.0.1:51234 -> 10.0.0.2:80",
            "TCP TTL:52 TOS:0x0 ID:51234 IpLen:20 DgmLen:60 DF",
            "**U*P**F Seq: 0x1A2B3C4D  Ack: 0x0  Win: 0x800  TcpLen: 40  UrgPtr: 0x0",
            "TCP Options (5) => MSS: 1460 NOP WS: 10 SackOK TS: 123456 0",
            "[Xref => http://www.whitehats.com/info/IDS30]").Single();

        record["message"]!.GetValue<string>().Should().Be("SCAN nmap XMAS");
        record["verdict"]!.GetValue<string>().Should().Be("alert");
        record["time"]!.GetValue<string>().Should().Be("2000-03-18T02:25:46.587048Z");
        record["ip_hlen"]!.GetValue<int>().Should().Be(20);
        record["ip_len"]!.GetValue<int>().Should().Be(60);
        record["dont_fragment"]!.GetValue<bool>().Should().BeTrue();
        record["flags"]!.GetValue<string>().Should().Be("UPF");
        record["seq"]!.GetValue<long>().Should().Be(0x1A2B3C4D);
        record["ack"]!.GetValue<long>().Should().Be(0);
        record["window"]!.GetValue<int>().Should().Be(0x800);
        record["tcp_hlen"]!.GetValue<int>().Should().Be(40);
        record["urg_ptr"]!.GetValue<int>().Should().Be(0);
        record["tcp_options"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(2, 1, 3, 4, 8);
        record["mss"]!.GetValue<int>().Should().Be(1460);
        record["wscale"]!.GetValue<int>().Should().Be(10);
        record["sack_perm"]!.GetValue<bool>().Should().BeTrue();
        record["ts_val"]!.GetValue<long>().Should().Be(123456);
        record["ts_ecr"]!.GetValue<long>().Should().Be(0);
        record["payload_len"]!.GetValue<int>().Should().Be(0, "DgmLen 60 - IpLen 20 - TcpLen 40");
    }

    [Fact]
    public void IcmpEcho_ReadsTypeCodeIdAndSequence_AndHasNoPorts()
    {
        var record = SnortInput.Decode(
            "[**] [1:469:1] ICMP PING NMAP [**]",
            "[Classification: Attempted Information Leak] [Priority: 2]",
            "03/18-02:25:46.587048 10.0.0.1 -> 10.0.0.2",
            "ICMP TTL:44 TOS:0x0 ID:4200 IpLen:20 DgmLen:28",
            "Type:8  Code:0  ID:39612   Seq:57072  ECHO").Single();

        record["proto"]!.GetValue<string>().Should().Be("icmp");
        record["ip_id"]!.GetValue<int>().Should().Be(4200, "the protocol line's ID is the IP ID, the ICMP line's is the echo identifier");
        record["icmp_type"]!.GetValue<int>().Should().Be(8);
        record["icmp_code"]!.GetValue<int>().Should().Be(0);
        record["icmp_id"]!.GetValue<int>().Should().Be(39612);
        record["icmp_seq"]!.GetValue<int>().Should().Be(57072);
        record.ContainsKey("sport").Should().BeFalse();
        record.ContainsKey("flags").Should().BeFalse();
    }

    [Fact]
    public void IcmpError_ReadsTheQuotedDatagram_AndTheWholeRecordWithinTheLookahead()
    {
        var decoded = SnortInput.Decode(
            "[**] [1:402:4] ICMP Destination Unreachable (Port Unreachable) [**]",
            "03/18-02:25:46.587048 10.0.0.2 -> 10.0.0.1",
            "ICMP TTL:255 TOS:0xC0 ID:1 IpLen:20 DgmLen:56",
            "Type:3  Code:3  DESTINATION UNREACHABLE: PORT UNREACHABLE",
            "** ORIGINAL DATAGRAM DUMP:",
            "10.0.0.1:1025 -> 10.0.0.2:53",
            "UDP TTL:1 TOS:0x0 ID:777 IpLen:20 DgmLen:40",
            "Len: 20",
            "** END OF DUMP",
            "[Xref => http://cve.mitre.org/cgi-bin/cvename.cgi?name=CAN-2004-0790]");

        decoded.Records.Should().ContainSingle();
        var quoted = decoded.Records[0]["quoted"]!.AsObject();
        quoted["src"]!.GetValue<string>().Should().Be("10.0.0.1");
        quoted["dst"]!.GetValue<string>().Should().Be("10.0.0.2");
        quoted["proto"]!.GetValue<string>().Should().Be("udp");
        quoted["ip_id"]!.GetValue<int>().Should().Be(777);
        quoted["ttl"]!.GetValue<int>().Should().Be(1);
        quoted["sport"]!.GetValue<int>().Should().Be(1025);
        quoted["dport"]!.GetValue<int>().Should().Be(53);
        decoded.Records[0]["icmp_code"]!.GetValue<int>().Should().Be(3);
        decoded.Books.Failed.Should().Be(0);
        decoded.Books.Skipped.Should().Be(0, "the end-of-dump and reference lines lie within the 16-line window");
    }

    [Fact]
    public void Snort1Record_WithOnlyTheAddressLine_LeavesEveryOtherFieldAbsent()
    {
        var record = SnortInput.Decode(
            "[**] SYN-FIN scan! [**]",
            "03/18-02:25:46.587048 194.112.42.193:53 -> MY.NET.1.1:53").Single();

        record["dst"]!.GetValue<string>().Should().Be("MY.NET.1.1");
        record["dport"]!.GetValue<int>().Should().Be(53);
        foreach (var absent in new[] { "proto", "ip_proto", "ttl", "tos", "ip_id", "flags", "seq", "dont_fragment", "frag_offset", "src_mac" })
        {
            record.ContainsKey(absent).Should().BeFalse($"the record does not state {absent}");
        }
    }

    [Theory]
    [InlineData("12UAPRSF", "CEUAPRSF", 0xFF)]
    [InlineData("1*******", "C", 0x80)]
    [InlineData("*2******", "E", 0x40)]
    [InlineData("S*****21", "CES", 0xC2)]
    [InlineData("***FRP**", "PRF", 0x0D)]
    public void FlagString_IsReadByLetter_WithDigitOneAsCwrAndTwoAsEce(string flags, string letters, int raw)
    {
        var record = SnortInput.Decode(
            "[**] flags [**]",
            "03/18-02:25:46.587048 10.0.0.1:1 -> 10.0.0.2:2",
            "TCP TTL:64 TOS:0x0 ID:1 IpLen:20 DgmLen:40",
            $"{flags} Seq: 0x1  Ack: 0x2  Win: 0x3  TcpLen: 20").Single();

        record["flags"]!.GetValue<string>().Should().Be(letters);
        record["tcp_flags_raw"]!.GetValue<int>().Should().Be(raw);
    }

    [Fact]
    public void OptionLists_KeepTheirOrder_AcrossSnortsWrappedContinuationLine()
    {
        var record = SnortInput.Decode(
            "[**] options [**]",
            "03/18-02:25:46.587048 10.0.0.1:1 -> 10.0.0.2:2",
            "TCP TTL:64 TOS:0x0 ID:1 IpLen:28 DgmLen:60",
            "IP Options (2) => RR Opt 148: 0000",
            "******S* Seq: 0x1  Ack: 0x0  Win: 0x16D0  TcpLen: 32",
            "TCP Options (6) => MSS: 1460 SackOK TS: 7 0 NOP NOP",
            "TCP Options => Opt 30 (6): 0102 0304 EOL").Single();

        record["ip_options"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(7, 148);
        record["tcp_options"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(2, 4, 8, 1, 1, 30, 0);
        record["ts_val"]!.GetValue<long>().Should().Be(7);
        record["payload_len"]!.GetValue<int>().Should().Be(0, "DgmLen 60 - IpLen 28 - TcpLen 32");
    }

    [Fact]
    public void Fragment_HasOffsetInBytes_AndNoPortsOrPayload()
    {
        var record = SnortInput.Decode(
            "[**] frag [**]",
            "03/18-02:25:46.587048 10.0.0.1 -> 10.0.0.2",
            "TCP TTL:64 TOS:0x0 ID:9 IpLen:20 DgmLen:36 MF",
            "Frag Offset: 0x00B9   Frag Size: 0x0010").Single();

        record["frag_offset"]!.GetValue<int>().Should().Be(0xB9 * 8);
        record["more_fragments"]!.GetValue<bool>().Should().BeTrue();
        record.ContainsKey("sport").Should().BeFalse();
        record.ContainsKey("payload_len").Should().BeFalse();
    }

    [Theory]
    [InlineData("03/18/00-02:25:46.587048", "2000-03-18T02:25:46.587048Z")]
    [InlineData("12/31/99-23:59:59.000001", "1999-12-31T23:59:59.000001Z")]
    [InlineData("01/02/2024-03:04:05.000006", "2024-01-02T03:04:05.000006Z")]
    public void TimeStampWithYear_UsesItsOwnYear(string stamp, string expected)
    {
        var record = SnortInput.Decode("[**] x [**]", $"{stamp} 10.0.0.1:1 -> 10.0.0.2:2").Single();
        record["time"]!.GetValue<string>().Should().Be(expected);
    }

    [Fact]
    public void GrepPrefixedRecord_LosesTheFileNameOnEveryLine()
    {
        var record = SnortInput.Decode(
            "alert:[**] [1:469:1] ICMP PING NMAP [**]",
            "alert-03/18-02:25:46.587048 10.0.0.1 -> 10.0.0.2",
            "alert-ICMP TTL:44 TOS:0x0 ID:4200 IpLen:20 DgmLen:28").Single();

        record["message"]!.GetValue<string>().Should().Be("ICMP PING NMAP");
        record["ttl"]!.GetValue<int>().Should().Be(44);
    }

    [Fact]
    public void AlertFlattenedOntoItsHeaderLine_Reads_AndLeavesTheNextPacketAlone()
    {
        var decoded = SnortInput.Decode(
            "[**] SYN-FIN scan! [**] 03/18-02:25:46.587048 194.112.42.193:53 -> MY.NET.1.1:53 TCP TTL:44 TOS:0x0 ID:1",
            "03/18-02:25:46.608902 194.112.42.193:53 -> MY.NET.1.2:53");

        decoded.Records.Should().HaveCount(2);
        decoded.Records[0]["ttl"]!.GetValue<int>().Should().Be(44);
        decoded.Records[1]["dst"]!.GetValue<string>().Should().Be("MY.NET.1.2");
        decoded.Records[1]["verdict"]!.GetValue<string>().Should().Be("log", "the second line is a packet without an alert");
    }

    [Fact]
    public void InlineDrop_IsTheDropVerdict()
    {
        var record = SnortInput.Decode("[Drop] [**] [1:1:1] blocked [**]", "03/18-02:25:46.587048 10.0.0.1:1 -> 10.0.0.2:2").Single();
        record["verdict"]!.GetValue<string>().Should().Be("drop");
        record["message"]!.GetValue<string>().Should().Be("blocked");
    }

    [Fact]
    public void PortscanStatusAlert_WithNoPacket_IsAnAlertFromTheScanner()
    {
        var record = SnortInput.Decode(
            "[**] spp_portscan: PORTSCAN DETECTED from 10.0.0.1 (THRESHOLD 4 connections exceeded in 0 seconds) [**]",
            "03/18-02:25:46.587048 ").Single();

        record["message"]!.GetValue<string>().Should().Be("spp_portscan: PORTSCAN DETECTED");
        record["src"]!.GetValue<string>().Should().Be("10.0.0.1");
        record["time"]!.GetValue<string>().Should().Be("2000-03-18T02:25:46.587048Z");
        record.ContainsKey("dst").Should().BeFalse();
    }

    [Theory]
    [InlineData("no time stamp", "[**] lonely [**]", "", "has no time stamp line")]
    [InlineData("unclosed header", "[**] unclosed", "", "no closing [**]")]
    [InlineData("bad date", "[**] x [**]", "13/45-02:25:46.587048 10.0.0.1:1 -> 10.0.0.2:2", "bad time stamp")]
    [InlineData("no arrow", "[**] x [**]", "03/18-02:25:46.587048 10.0.0.1:1 10.0.0.2:2", "address line")]
    [InlineData("bad TTL", "[**] x [**]", "03/18-02:25:46.587048 10.0.0.1:1 -> 10.0.0.2:2 TCP TTL:300 TOS:0x0 ID:1", "bad TTL")]
    [InlineData("bad seq", "[**] x [**]", "03/18-02:25:46.587048 10.0.0.1:1 -> 10.0.0.2:2 TCP TTL:3 ******S* Seq: 0xZZ", "bad Seq")]
    public void BrokenRecord_IsAFailedRecordWithItsLineAndReason(string why, string header, string packet, string reason)
    {
        var decoded = SnortInput.Decode("[**] before [**]", "03/18-02:25:46.587048 10.0.0.1:1 -> 10.0.0.2:2", "", header, packet, "", "[**] after [**]", "03/18-02:25:47.000000 10.0.0.1:1 -> 10.0.0.2:2");

        decoded.Records.Should().HaveCount(2, why);
        decoded.Books.Failed.Should().Be(1, why);
        decoded.Books.Problems.Should().ContainSingle().Which.Message.Should().Contain(reason, why);
        decoded.Books.Problems[0].Location.Should().Be("line 4", why);
    }

    [Fact]
    public void StrayDetailLines_AreReportedOrSkipped_NeverTakenForPackets()
    {
        var decoded = SnortInput.Decode("UDP TTL:112 TOS:0x0 ID:13215", "", "[Xref => http://example.org/]", "", "Len: 58");

        decoded.Records.Should().BeEmpty();
        decoded.Books.Failed.Should().Be(2);
        decoded.Books.Skipped.Should().Be(1);
    }
}
