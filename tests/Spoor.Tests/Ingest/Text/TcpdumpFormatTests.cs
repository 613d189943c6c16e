using System.Text;
using System.Text.Json.Nodes;
using Spoor.Evidence;
using Spoor.Ingest;
using Spoor.Ingest.Text;
using Spoor.Knowledge;

namespace Spoor.Tests.Ingest.Text;

/// <summary>
/// tcpdump text variants the seed fixtures do not cover, and the reader's behaviour on broken, partial and
/// foreign lines: every variant decodes what it states and nothing else, and nothing throws.
/// </summary>
public sealed class TcpdumpFormatTests
{
    private static Decoded Read(string text) => Decoded.Bytes(Encoding.UTF8.GetBytes(text));

    private static JsonObject Only(string text)
    {
        var decoded = Read(text);
        decoded.Accounting.Failed.Should().Be(0, string.Join("; ", decoded.Accounting.Problems.Select(p => p.Message)));
        decoded.Lines.Should().HaveCount(1);
        return JsonNode.Parse(decoded.Lines[0])!.AsObject();
    }

    private static List<JsonObject> All(string text) =>
        Read(text).Lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    [Fact]
    public void ModernTcpLine_DecodesFlagsSequenceOptionsAndLength_WithoutImplyingDf()
    {
        var o = Only("12:00:00.000001 IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [S], seq 1000, win 1024, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n");
        ((string)o["flags"]!).Should().Be("S");
        ((long)o["seq"]!).Should().Be(1000);
        ((int)o["window"]!).Should().Be(1024);
        o["tcp_options"]!.AsArray().Select(n => (int)n!).Should().Equal(2, 4, 8, 1, 3);
        ((int)o["mss"]!).Should().Be(1460);
        ((int)o["wscale"]!).Should().Be(7);
        ((long)o["ts_val"]!).Should().Be(1);
        ((long)o["ts_ecr"]!).Should().Be(0);
        ((int)o["payload_len"]!).Should().Be(0);
        o.ContainsKey("dont_fragment").Should().BeFalse("tcpdump 4 prints DF only with -v");
        o.ContainsKey("tos").Should().BeFalse();
    }

    [Fact]
    public void VerboseHeaderOnItsOwnLine_JoinsTheIndentedAddressLine()
    {
        var o = Only("12:00:00.000001 IP (tos 0x10, ttl 64, id 4321, offset 0, flags [DF], proto TCP (6), length 60)\n"
            + "    10.0.0.1.1234 > 10.0.0.2.80: Flags [S.], cksum 0x1c46 (correct), seq 7, ack 9, win 3, length 0\n");
        ((int)o["tos"]!).Should().Be(16);
        ((int)o["ttl"]!).Should().Be(64);
        ((int)o["ip_id"]!).Should().Be(4321);
        ((int)o["ip_len"]!).Should().Be(60);
        ((bool)o["dont_fragment"]!).Should().BeTrue();
        ((int)o["frag_offset"]!).Should().Be(0);
        ((string)o["flags"]!).Should().Be("AS");
        ((long)o["seq"]!).Should().Be(7);
        ((long)o["ack"]!).Should().Be(9);
    }

    [Fact]
    public void QuickModeTcpLine_GivesTheProtocolAndPayloadLengthOnly()
    {
        var o = Only("12:00:00.000001 IP 10.0.0.1.1234 > 10.0.0.2.80: tcp 517\n");
        ((string)o["proto"]!).Should().Be("tcp");
        ((int)o["payload_len"]!).Should().Be(517);
        o.ContainsKey("flags").Should().BeFalse();
        o.ContainsKey("seq").Should().BeFalse();
    }

    [Fact]
    public void ApplicationDecodeBetweenPorts_IsUdp()
    {
        var o = Only("12:00:00.000001 IP 192.168.1.2.1029 > 8.8.8.8.53: 12345+ A? example.com. (29)\n");
        ((string)o["proto"]!).Should().Be("udp");
        ((int)o["dport"]!).Should().Be(53);
        o.ContainsKey("payload_len").Should().BeFalse();
    }

    [Fact]
    public void Ip6Line_HasVersion6AndSplitsThePortAtTheLastDot()
    {
        var o = Only("12:00:00.000001 IP6 2001:db8::1.1234 > 2001:db8::2.80: Flags [S], seq 5, win 10, length 0\n");
        ((int)o["ip_version"]!).Should().Be(6);
        ((string)o["src"]!).Should().Be("2001:db8::1");
        ((int)o["sport"]!).Should().Be(1234);
        ((string)o["dst"]!).Should().Be("2001:db8::2");
        ((int)o["dport"]!).Should().Be(80);
    }

    [Theory]
    [InlineData("12:00:00.000001 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28", 1, "10.0.0.2", "10.0.0.1")]
    [InlineData("12:00:00.000001 arp who-has 10.0.0.1 tell 10.0.0.2", 1, "10.0.0.2", "10.0.0.1")]
    [InlineData("12:00:00.000001 ARP, Reply 10.0.0.1 is-at 00:11:22:33:44:55, length 28", 2, "10.0.0.1", null)]
    [InlineData("12:00:00.000001 arp reply 10.0.0.1 is-at 0:11:22:33:44:55", 2, "10.0.0.1", null)]
    public void ArpLines_GiveOperationSenderAndTarget(string line, int operation, string sender, string? target)
    {
        var o = Only(line + "\n");
        ((string)o["proto"]!).Should().Be("arp");
        ((int)o["arp_op"]!).Should().Be(operation);
        ((string)o["src"]!).Should().Be(sender);
        if (target is null) o.ContainsKey("dst").Should().BeFalse();
        else ((string)o["dst"]!).Should().Be(target);
        o.ContainsKey("ip_version").Should().BeFalse();
    }

    [Fact]
    public void LinkLayerOfTcpdump3_GivesMacsWithoutLeadingZeros_AndMaskedOnesStayAbsent()
    {
        var o = Only("12:00:00.000001 0:a0:c9:12:34:5 0:10:7b:xx:yy:zz ip 60: 10.0.0.1.1024 > 10.0.0.2.53: udp 30\n");
        ((string)o["src_mac"]!).Should().Be("00:a0:c9:12:34:05");
        o.ContainsKey("dst_mac").Should().BeFalse("a masked address is unknown, not zero");
        ((int)o["dport"]!).Should().Be(53);
        ((int)o["payload_len"]!).Should().Be(30);
        ((int)o["udp_len"]!).Should().Be(38);
    }

    [Fact]
    public void LinkLayerOfTcpdump4_GivesMacsAndVlan_AndReadsTheBodyWithoutIpKeyword()
    {
        var o = Only("12:00:00.000001 00:11:22:33:44:55 > 66:77:88:99:aa:bb, ethertype 802.1Q (0x8100), length 78: vlan 10, p 0, ethertype IPv4 (0x0800), "
            + "10.0.0.1.22 > 10.0.0.2.1234: Flags [P.], seq 1:49, ack 1, win 1000, length 48\n");
        ((string)o["src_mac"]!).Should().Be("00:11:22:33:44:55");
        ((string)o["dst_mac"]!).Should().Be("66:77:88:99:aa:bb");
        o["vlan"]!.AsArray().Select(n => (int)n!).Should().Equal(10);
        ((string)o["flags"]!).Should().Be("AP");
        ((int)o["payload_len"]!).Should().Be(48);
        o.ContainsKey("dont_fragment").Should().BeFalse();
    }

    [Fact]
    public void DateAndTimeStamp_IsUsedAsTheDate()
    {
        var o = Only("2000-03-18 02:25:46.587048 194.112.42.193.53 > MY.NET.1.1.53: SF 1:1(0) win 512\n");
        ((string)o["time"]!).Should().Be("2000-03-18T02:25:46.587048Z");
        ((string)o["flags"]!).Should().Be("SF");
        ((string)o["dst"]!).Should().Be("MY.NET.1.1");
    }

    [Fact]
    public void UnixSecondsStamp_IsUtc()
    {
        var o = Only("953346346.587048 1.2.3.4 > 5.6.7.8: icmp: echo request\n");
        ((string)o["time"]!).Should().Be("2000-03-18T02:25:46.587048Z");
    }

    [Fact]
    public void TimeOfDayLines_TakeTheDateOption()
    {
        var options = new IngestOptions { Date = new DateOnly(2000, 7, 20) };
        using var source = InputOpener.Open(new MemoryStream(Encoding.UTF8.GetBytes("16:07:40.894521 1.2.3.4.137 > 5.6.7.8.137: udp 50\n")), new InputAccounting(0, "m"), options);
        source.TryRead(out var observation).Should().BeTrue();
        observation.Time.ToIsoString().Should().Be("2000-07-20T16:07:40.894521Z");
    }

    [Fact]
    public void NumberBrokenAcrossLines_IsJoinedWithoutASpace_AndABreakBetweenTokensWithOne()
    {
        var records = All("09:48:12.439100 212.108.4.154.80 > MY.NET.1.37.36871: R 0:0(0) ack 204\n8786269 win 0 [tos 0x20] (ttl 49, id 469)\n"
            + "23:41:00.300460 212.108.4.153.80 > MY.NET.2.5.63694: R 0:0(0) ack\n3618313488 win 0 [tos 0x20]\n");
        records.Should().HaveCount(2);
        ((long)records[0]["ack"]!).Should().Be(2048786269);
        ((int)records[0]["ttl"]!).Should().Be(49);
        ((long)records[1]["ack"]!).Should().Be(3618313488);
        ((int)records[1]["line"]!).Should().Be(3);
    }

    [Fact]
    public void UnfinishedRecord_ContinuesAcrossBlankLines_AndIndentedPiecesJoinInsideTheNumber()
    {
        var o = Only("05:22:07.853683 209.235.11.254.64330 > MY.NET.1.148.5556: S\n\n1044803580:104480\n 3580(0) win 8192 <mss 1460,nop,wscale 0,nop,nop,timestamp[|tcp]> (DF)\n");
        ((long)o["seq"]!).Should().Be(1044803580);
        ((int)o["payload_len"]!).Should().Be(0);
        o["tcp_options"]!.AsArray().Select(n => (int)n!).Should().Equal(2, 1, 3, 1, 1, 8);
        o.ContainsKey("ts_val").Should().BeFalse("the timestamp values were cut by [|tcp]");
    }

    [Fact]
    public void MarkdownFenceInsideAWrappedRecord_IsCrossedLikeABlankLine()
    {
        var o = Only("18:09:50.759571 212.108.4.176.80 > MY.NET.1.12.64557: R 0:0(0) ack\n```\n\n\n4052446528 win 0 [tos 0x20]\n");
        ((long)o["ack"]!).Should().Be(4052446528);
        ((int)o["tos"]!).Should().Be(0x20);
    }

    [Fact]
    public void UnfinishedRecord_DoesNotSwallowProseAfterABlankLine()
    {
        var decoded = Read("14:29:02.926534 24.7.64.145 > 256.0.0.1: icmp: time exceeded in-transit (ttl\n\nWhat initially triggered this response?\n- a) an echo request.\n");
        decoded.Lines.Should().HaveCount(1);
        decoded.Accounting.Failed.Should().Be(2, "the two prose lines are no one's records");
        var o = JsonNode.Parse(decoded.Lines[0])!.AsObject();
        o.ContainsKey("ttl").Should().BeFalse("the group was cut before its value");
        o.ContainsKey("dont_fragment").Should().BeFalse("a cut line implies nothing by what it lacks");
    }

    [Fact]
    public void CompleteRecord_DoesNotSwallowTheNextFormatsLine()
    {
        var decoded = Read("15:09:34.402695 1.2.3.4.137 > 5.6.7.8.137: udp 50\n[**] SYN-FIN scan! [**]\n"
            + "15:09:35.402695 1.2.3.4.137 > 5.6.7.8.137: udp 50\n03/18-02:25:46.587048 194.112.42.193:53 -> MY.NET.1.1:53\n"
            + "15:09:36.402695 1.2.3.4.137 > 5.6.7.8.137: udp 50\n2000-03-18T02:25:46.587048+01:00 host something happened\n");
        // Lines 1, 3 and 5 are three tcpdump records, each standing alone; line 4 is a Snort packet line, and
        // lines 2 and 6 (an alert header without its packet, a foreign syslog line) are failed records.
        decoded.Observations.Select(o => o.Evidence.Number).Should().Equal(1L, 3L, 4L, 5L);
        decoded.Observations.Where(o => o.Evidence.Number != 4).Should().OnlyContain(o => o.PayloadLength == 50);
        decoded.Accounting.Problems.Select(p => p.Record!.Value.Number).Should().Equal(2L, 6L);
    }

    [Fact]
    public void Tcpdump4HexDump_OverridesTheTextAndListsTheOptionsTheTextCut()
    {
        var o = Only("12:00:00.000001 IP 10.0.0.1.1234 > 10.0.0.2.80: Flags [S], seq 1, win 1, options [mss 1460,[|tcp]>\n"
            + "\t0x0000:  4500 0030 1c46 4000 4006 0000 0a00 0001  E..0.F@.@.......\n"
            + "\t0x0010:  0a00 0002 04d2 0050 0000 0064 0000 0000  .......P...d....\n"
            + "\t0x0020:  7002 2000 0000 0000 0204 05b4 0101 0402  p...............\n");
        ((long)o["seq"]!).Should().Be(100, "the hex holds the raw sequence number");
        ((int)o["window"]!).Should().Be(8192);
        ((int)o["ttl"]!).Should().Be(64);
        ((int)o["ip_id"]!).Should().Be(0x1c46);
        ((bool)o["dont_fragment"]!).Should().BeTrue();
        o["tcp_options"]!.AsArray().Select(n => (int)n!).Should().Equal(2, 1, 1, 4);
        ((bool)o["sack_perm"]!).Should().BeTrue();
    }

    [Fact]
    public void MaskedHexBytes_LeaveTheirFieldsAsTheTextSaid()
    {
        var o = Only("07:40:51.892573 216.223.94.152.3272 > 256.0.0.1.12345: udp 19\n"
            + "0x0000  4500 002f 10ed 0000 6e11 74df d8df 5e98  E../...n.t...^\n"
            + "0x0010  XXXX XXXX 0cc8 3039 001b 526a ce63 d1d2  .....09..Rj.c..\n");
        ((string)o["dst"]!).Should().Be("256.0.0.1");
        ((string)o["src"]!).Should().Be("216.223.94.152");
        ((int)o["ttl"]!).Should().Be(110);
        ((int)o["udp_len"]!).Should().Be(27);
    }

    [Fact]
    public void HexDumpPayload_BecomesThePayloadHead_WhenTheAddressesAreMasked()
    {
        var o = Only("07:40:51.892573 216.223.94.152.3272 > 256.0.0.1.12345: udp 19\n"
            + "0x0000  4500 002f 10ed 0000 6e11 74df d8df 5e98  E../...n.t...^\n"
            + "0x0010  XXXX XXXX 0cc8 3039 001b 526a ce63 d1d2  .....09..Rj.c..\n"
            + "0x0020  16e7 13cf 38a5 a586 b275 4b99 aa32 58  ....8.....uK..2X\n");
        ((string)o["payload_head"]!).Should().Be("ce63d1d216e713cf38a5a586b2754b99aa3258");
    }

    [Fact]
    public void MaskedPayloadByte_EndsThePayloadHeadBeforeIt()
    {
        var o = Only("07:40:51.892573 216.223.94.152.3272 > 10.0.0.1.12345: udp 19\n"
            + "0x0000  4500 002f 10ed 0000 6e11 74df d8df 5e98  E../...n.t...^\n"
            + "0x0010  0a00 0001 0cc8 3039 001b 526a ce63 d1d2  .....09..Rj.c..\n"
            + "0x0020  16XX 13cf 38a5 a586 b275 4b99 aa32 58  ....8.....uK..2X\n");
        ((string)o["payload_head"]!).Should().Be("ce63d1d216", "the byte after 0x16 is unknown, and so is where the rest sits");
    }

    [Fact]
    public void MaskedUdpLength_LeavesNoPayloadHead()
    {
        var o = Only("07:40:51.892573 216.223.94.152.3272 > 10.0.0.1.12345: udp 19\n"
            + "0x0000  4500 002f 10ed 0000 6e11 74df d8df 5e98  E../...n.t...^\n"
            + "0x0010  0a00 0001 0cc8 3039 XXXX 526a ce63 d1d2  .....09..Rj.c..\n"
            + "0x0020  16e7 13cf 38a5 a586 b275 4b99 aa32 58  ....8.....uK..2X\n");
        o.ContainsKey("payload_head").Should().BeFalse("the UDP length bounds the payload, and it is unknown");
    }

    [Fact]
    public void HexDumpLongerThanTheLookahead_SkipsTheRestWithAReason()
    {
        var text = new StringBuilder("12:00:00.000001 10.0.0.1.1 > 10.0.0.2.2: udp 200\n");
        for (var i = 0; i < TextLineReader.Lookahead + 6; i++) text.Append("\t0x").Append((i * 16).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)).Append(":  4500 00e4 0000 0000 4011 0000 0a00 0001\n");
        text.Append("12:00:01.000001 10.0.0.1.1 > 10.0.0.2.2: udp 5\n");
        var decoded = Read(text.ToString());
        decoded.Lines.Should().HaveCount(2);
        decoded.Accounting.Failed.Should().Be(0);
        decoded.Accounting.Skipped.Should().Be(7);
    }

    [Theory]
    [InlineData("icmp: 10.0.0.5 udp port 53 unreachable", 3, 3)]
    [InlineData("icmp: 10.0.0.5 tcp port www unreachable", 3, 3)]
    [InlineData("icmp: net 10.0.0.0 unreachable", 3, 0)]
    [InlineData("icmp: host 10.0.0.5 unreachable", 3, 1)]
    [InlineData("icmp: 10.0.0.5 protocol 47 unreachable", 3, 2)]
    [InlineData("icmp: 10.0.0.5 unreachable - need to frag (mtu 1480)", 3, 4)]
    [InlineData("icmp: net 10.0.0.0 unreachable - admin prohibited", 3, 9)]
    [InlineData("icmp: host 10.0.0.5 unreachable - admin prohibited", 3, 10)]
    [InlineData("icmp: host 10.0.0.5 unreachable - admin prohibited filter", 3, 13)]
    [InlineData("icmp: time exceeded in-transit", 11, 0)]
    [InlineData("icmp: ip reassembly time exceeded", 11, 1)]
    [InlineData("icmp: redirect 10.0.0.5 to host 10.0.0.9", 5, 1)]
    [InlineData("icmp: redirect 10.0.0.5 to net 10.0.0.9", 5, 0)]
    [InlineData("icmp: time stamp request", 13, 0)]
    [InlineData("icmp: time stamp reply", 14, 0)]
    [InlineData("icmp: address mask request", 17, 0)]
    [InlineData("icmp: address mask is 0xffffff00", 18, 0)]
    [InlineData("icmp: source quench", 4, 0)]
    [InlineData("ICMP echo request, id 1234, seq 7, length 64", 8, 0)]
    public void IcmpWords_GiveTypeAndCode(string transport, int type, int code)
    {
        var o = Only($"12:00:00.000001 10.0.0.1 > 10.0.0.2: {transport}\n");
        ((string)o["proto"]!).Should().Be("icmp");
        ((int)o["icmp_type"]!).Should().Be(type);
        ((int)o["icmp_code"]!).Should().Be(code);
    }

    [Fact]
    public void PortUnreachable_QuotesOnlyTheDestinationAndPortTheLineNames()
    {
        var o = Only("12:00:00.000001 10.0.0.1 > 10.0.0.2: icmp: 10.0.0.5 udp port domain unreachable\n");
        var quoted = o["quoted"]!.AsObject();
        ((string)quoted["dst"]!).Should().Be("10.0.0.5");
        ((int)quoted["dport"]!).Should().Be(53);
        ((string)quoted["proto"]!).Should().Be("udp");
        quoted.ContainsKey("src").Should().BeFalse();
        quoted.ContainsKey("sport").Should().BeFalse();
    }

    [Fact]
    public void ModernEcho_GivesIdentifierAndSequence()
    {
        var o = Only("12:00:00.000001 IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1234, seq 7, length 64\n");
        ((int)o["icmp_id"]!).Should().Be(1234);
        ((int)o["icmp_seq"]!).Should().Be(7);
    }

    [Fact]
    public void ModernVerboseIcmpError_QuotesTheHeaderOnTheFollowingLines()
    {
        var o = Only("12:00:00.000001 IP (tos 0x0, ttl 254, id 1, offset 0, flags [none], proto ICMP (1), length 56)\n"
            + "    10.0.0.9 > 10.0.0.1: ICMP 10.0.0.5 udp port 53 unreachable, length 36\n"
            + "\tIP (tos 0x0, ttl 63, id 777, offset 0, flags [none], proto UDP (17), length 40)\n"
            + "    10.0.0.1.1234 > 10.0.0.5.53: [|domain]\n");
        var quoted = o["quoted"]!.AsObject();
        ((string)quoted["src"]!).Should().Be("10.0.0.1");
        ((int)quoted["sport"]!).Should().Be(1234);
        ((int)quoted["dport"]!).Should().Be(53);
        ((int)quoted["ttl"]!).Should().Be(63);
        ((int)quoted["ip_id"]!).Should().Be(777);
        ((int)o["ttl"]!).Should().Be(254);
    }

    [Fact]
    public void UnknownIcmpType_LeavesTypeAndCodeAbsent()
    {
        var o = Only("12:00:00.000001 10.0.0.1 > 10.0.0.2: icmp: type-#99\n");
        o.ContainsKey("icmp_type").Should().BeFalse();
        ((string)o["proto"]!).Should().Be("icmp");
    }

    [Theory]
    [InlineData("(frag 469:20@1480)", 1480, false)]
    [InlineData("(frag 469:1480@0+)", 0, true)]
    public void Fragments_GiveOffsetIdAndMoreFragments_ButNoDf(string trailer, int offset, bool more)
    {
        var o = Only($"12:00:00.000001 1.2.3.4 > 5.6.7.8: {trailer}\n");
        ((int)o["frag_offset"]!).Should().Be(offset);
        ((bool)o["more_fragments"]!).Should().Be(more);
        ((int)o["ip_id"]!).Should().Be(469);
        o.ContainsKey("dont_fragment").Should().BeFalse("tcpdump 3 does not print DF for fragments");
        ((string)o["proto"]!).Should().Be("ip");
    }

    [Fact]
    public void VeryVerboseNbtRecordWithoutItsTtlGroup_ImpliesNothingFromWhatItLacks()
    {
        var o = Only("16:07:40.894521 208.61.141.146.netbios-ns > 256.0.0.1.netbios-ns:\n>>> NBT UDP PACKET(137): QUERY; REQUEST; BROADCAST\n");
        ((int)o["sport"]!).Should().Be(137);
        o.ContainsKey("dont_fragment").Should().BeFalse("with -vv tcpdump also prints (ttl, id): this record was pasted cut");
        o.ContainsKey("tos").Should().BeFalse();
    }

    [Fact]
    public void TruncatedTcpHeader_LeavesThePayloadLengthAbsent()
    {
        var o = Only("12:00:00.000001 1.2.3.4.80 > 5.6.7.8.1234: [|tcp] (DF)\n");
        ((string)o["proto"]!).Should().Be("tcp");
        o.ContainsKey("payload_len").Should().BeFalse();
        o.ContainsKey("flags").Should().BeFalse();
        ((bool)o["dont_fragment"]!).Should().BeTrue();
    }

    [Fact]
    public void UdpLine_HasNoFieldsItDoesNotState()
    {
        var o = Only("12:00:00.000001 1.2.3.4.137 > 5.6.7.8.137: udp 50\n");
        o.ContainsKey("ttl").Should().BeFalse();
        o.ContainsKey("ip_id").Should().BeFalse();
        o.ContainsKey("ip_len").Should().BeFalse();
        o.ContainsKey("flags").Should().BeFalse();
    }

    [Fact]
    public void RelativeSequenceNumbers_AreMadeRaw_FromTheConversationsFirstAckLine()
    {
        var records = All("18:22:04.726714 mailhost.smtp > 194.178.232.55.2488: S 448162290:448162290(0) ack 4132059864 win 32120\n"
            + "18:22:04.827885 194.178.232.55.2488 > mailhost.smtp: . ack 1 win 32120\n"
            + "18:22:35.230284 194.178.232.55.2488 > mailhost.smtp: P 1:34(33) ack 88 win 32120\n");
        ((long)records[1]["ack"]!).Should().Be(448162291);
        ((long)records[2]["seq"]!).Should().Be(4132059864);
        ((long)records[2]["ack"]!).Should().Be(448162378);
    }

    [Fact]
    public void AbsoluteSequenceNumbers_FromTcpdumpS_StayAsWritten()
    {
        var records = All("18:22:04.726714 mailhost.smtp > 194.178.232.55.2488: S 448162290:448162290(0) ack 4132059864 win 32120\n"
            + "18:22:04.827885 194.178.232.55.2488 > mailhost.smtp: . ack 448162291 win 32120\n");
        ((long)records[1]["ack"]!).Should().Be(448162291);
    }

    [Fact]
    public void RelativeNumbersWithoutTheirBase_AreLeftOut()
    {
        var o = Only("18:29:25.934324 194.178.232.55.4754 > mailhost.smtp: P 1:34(33) ack 88 win 32120\n");
        o.ContainsKey("seq").Should().BeFalse();
        o.ContainsKey("ack").Should().BeFalse();
        ((int)o["payload_len"]!).Should().Be(33);
        ((string)o["flags"]!).Should().Be("AP");
    }

    [Fact]
    public void ContradictoryFlags_LeaveFlagsAndNumbersOut_WithANote()
    {
        var decoded = Read("18:22:04.827885 194.178.232.55.2488 > mailhost.smtp: S . ack 1 win 32120 (DF)\n");
        var o = JsonNode.Parse(decoded.Lines.Single())!.AsObject();
        o.ContainsKey("flags").Should().BeFalse();
        o.ContainsKey("ack").Should().BeFalse();
        ((int)o["window"]!).Should().Be(32120);
        decoded.Accounting.Notes.Should().Contain(n => n.Contains("TCP flag letters together with '.'", StringComparison.Ordinal));
    }

    [Fact]
    public void PortThatIsNeitherNumberNorServiceName_IsAMalformedRecordWithItsLine()
    {
        var decoded = Read("12:00:00.000001 1.2.3.4.80 > 5.6.7.8.1234: udp 5\n12:00:00.000002 10.0.0.1.nosuchservice > 10.0.0.2.80: S 1:1(0) win 5\n");
        decoded.Lines.Should().HaveCount(1);
        decoded.Accounting.Failed.Should().Be(1);
        var problem = decoded.Accounting.Problems.Single();
        problem.Record!.Value.Number.Should().Be(2);
        problem.Message.Should().Contain("host.port");
    }

    [Theory]
    [InlineData("tcpdump: listening on eth0, link-type EN10MB (Ethernet), capture size 262144 bytes")]
    [InlineData("tcpdump: verbose output suppressed, use -v or -vv for full protocol decode")]
    [InlineData("reading from file x.pcap, link-type EN10MB (Ethernet)")]
    [InlineData("12 packets captured")]
    [InlineData("0 packets dropped by kernel")]
    [InlineData("14:35:02.945400 STP 802.1d, Config, Flags [none], bridge-id 81a6.00:16:47:52:c7:80.8009, length 43")]
    public void BannerAndSummaryLines_AreSkipped(string line)
    {
        var decoded = Read(line + "\n");
        decoded.Accounting.Skipped.Should().Be(1);
        decoded.Accounting.Failed.Should().Be(0);
    }

    [Fact]
    public void ArbitraryTextAfterATimeStamp_NeverThrows_AndIsAccountedFor()
    {
        var random = new Random(20_000_318);
        const string alphabet = " .:>()<[]|,0123456789abcdefSFPRUWE-xX\t";
        for (var round = 0; round < 2000; round++)
        {
            var text = new StringBuilder("12:00:00.000001 1.2.3.4.5 > 6.7.8.9.10: ");
            var lines = random.Next(1, 5);
            for (var l = 0; l < lines; l++)
            {
                var length = random.Next(0, 60);
                for (var i = 0; i < length; i++) text.Append(alphabet[random.Next(alphabet.Length)]);
                text.Append('\n');
            }

            var decoded = Read(text.ToString());
            decoded.Accounting.Records.Should().BeGreaterThan(0);
        }
    }

    [Fact]
    public void ArbitraryHexDumps_NeverThrow()
    {
        var random = new Random(1_600);
        const string hex = "0123456789abcdefX";
        for (var round = 0; round < 2000; round++)
        {
            var text = new StringBuilder("12:00:00.000001 10.0.0.1.1 > 10.0.0.2.2: udp 5\n");
            for (var l = random.Next(1, 7); l > 0; l--)
            {
                text.Append(random.Next(3) switch { 0 => "\t0x" + random.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + ":  ", 1 => "0x0010  ", _ => "  " });
                for (var g = random.Next(1, 9); g > 0; g--)
                {
                    for (var c = 0; c < 4; c++) text.Append(hex[random.Next(hex.Length)]);
                    text.Append(' ');
                }

                text.Append('\n');
            }

            Read(text.ToString()).Accounting.Records.Should().BeGreaterThan(0);
        }
    }

    [Fact]
    public void ServiceNames_MapTcpdumpsWordsToPorts()
    {
        ServiceNames.TryGetPort("netbios-ns", out var netbios).Should().BeTrue();
        netbios.Should().Be(137);
        ServiceNames.TryGetPort("www", out var www).Should().BeTrue();
        www.Should().Be(80);
        ServiceNames.TryGetPort("socks", out var socks).Should().BeTrue();
        socks.Should().Be(1080);
        ServiceNames.TryGetPort("no-such-service", out _).Should().BeFalse();
    }

    [Fact]
    public void SteadyStateDecoding_AllocatesAlmostNothingPerRecord()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("15:09:34.402695 10.0.0.1.1024 > 10.0.0.2.80: S 1035542920:1035542920(0) win 8192 <mss 1460,nop,wscale 0,nop,nop,timestamp[|tcp]> (DF)\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        using var source = InputOpener.Open(new MemoryStream(bytes), new InputAccounting(0, "m"));
        var observation = default(Observation);
        for (var i = 0; i < 1000; i++) source.TryRead(out observation).Should().BeTrue();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = 0;
        while (source.TryRead(out observation)) count++;
        var perRecord = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)count;
        perRecord.Should().BeLessThan(16, "the hot path reuses its buffers");
    }
}
