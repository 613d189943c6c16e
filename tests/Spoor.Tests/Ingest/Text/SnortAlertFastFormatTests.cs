namespace Spoor.Tests.Ingest.Text;

/// <summary>Snort fast alerts in their Snort 1.x, 2.x, inline and Suricata forms, and what a broken one gives.</summary>
public sealed class SnortAlertFastFormatTests
{
    [Fact]
    public void Snort2Line_ReadsProtocolAndAddresses_AndKeepsOnlyTheRuleMessage()
    {
        var record = SnortInput.Decode(
            "03/18-02:25:46.587048  [**] [1:1228:7] SCAN nmap XMAS [**] [Classification: Attempted Information Leak] [Priority: 2] {TCP} 10.0.0.1:51234 -> 10.0.0.2:80")
            .Single();

        record["message"]!.GetValue<string>().Should().Be("SCAN nmap XMAS");
        record["verdict"]!.GetValue<string>().Should().Be("alert");
        record["proto"]!.GetValue<string>().Should().Be("tcp");
        record["ip_proto"]!.GetValue<int>().Should().Be(6);
        record["sport"]!.GetValue<int>().Should().Be(51234);
        record["dport"]!.GetValue<int>().Should().Be(80);
        foreach (var absent in new[] { "ttl", "ip_id", "flags", "seq", "dont_fragment" })
        {
            record.ContainsKey(absent).Should().BeFalse($"a fast alert does not state {absent}");
        }
    }

    [Fact]
    public void IcmpLine_HasNoPorts()
    {
        var record = SnortInput.Decode("03/18-02:25:46.587048  [**] [1:469:1] ICMP PING NMAP [**] {ICMP} 10.0.0.1 -> 10.0.0.2").Single();
        record["proto"]!.GetValue<string>().Should().Be("icmp");
        record["src"]!.GetValue<string>().Should().Be("10.0.0.1");
        record.ContainsKey("sport").Should().BeFalse();
        record.ContainsKey("icmp_type").Should().BeFalse("the fast line does not state the ICMP type");
    }

    [Theory]
    [InlineData("[Drop] ", "drop")]
    [InlineData("[wDrop] ", "alert")]
    [InlineData("", "alert")]
    public void InlineAction_SetsTheVerdict(string action, string verdict)
    {
        var record = SnortInput.Decode($"10/20-20:43:39.741995  {action}[**] [1:10000002:0] cmd.exe test detected [**] [Priority: 0] {{TCP}} 10.1.4.2:59244 -> 10.1.7.2:80").Single();
        record["verdict"]!.GetValue<string>().Should().Be(verdict);
    }

    [Fact]
    public void SuricataFastLog_WithFourDigitYear_Reads()
    {
        var record = SnortInput.Decode("01/02/2024-03:04:05.123456  [**] [1:2010935:3] ET SCAN Suspicious inbound to MSSQL port 1433 [**] [Classification: Potentially Bad Traffic] [Priority: 2] {TCP} 192.0.2.9:50000 -> 198.51.100.4:1433").Single();
        record["time"]!.GetValue<string>().Should().Be("2024-01-02T03:04:05.123456Z");
        record["dport"]!.GetValue<int>().Should().Be(1433);
    }

    [Fact]
    public void Ipv6Addresses_KeepAllTheirGroups()
    {
        var decoded = SnortInput.Decode(
            "03/18-02:25:46.587048  [**] [1:1:1] v6 tcp [**] {TCP} 2001:db8::1:4242 -> 2001:db8::2:80",
            "03/18-02:25:46.587048  [**] [1:1:1] v6 icmp [**] {IPV6-ICMP} 2001:db8::1 -> fe80::2");

        decoded.Records[0]["src"]!.GetValue<string>().Should().Be("2001:db8::1");
        decoded.Records[0]["sport"]!.GetValue<int>().Should().Be(4242);
        decoded.Records[0]["ip_version"]!.GetValue<int>().Should().Be(6);
        decoded.Records[1]["dst"]!.GetValue<string>().Should().Be("fe80::2");
        decoded.Records[1]["proto"]!.GetValue<string>().Should().Be("icmpv6");
    }

    [Fact]
    public void PortscanStatusAlert_WithoutAddresses_NamesTheScanner()
    {
        var record = SnortInput.Decode("03/18-02:25:46.587048  [**] spp_portscan: End of portscan from 1.2.3.4: TOTAL time(8s) hosts(1) TCP(1012) UDP(0) [**]").Single();
        record["message"]!.GetValue<string>().Should().Be("spp_portscan: End of portscan");
        record["src"]!.GetValue<string>().Should().Be("1.2.3.4");
        record.ContainsKey("dst").Should().BeFalse();
    }

    [Fact]
    public void GrepPrefix_IsNotPartOfTheRecord()
    {
        var record = SnortInput.Decode("SnortA13.txt:05/29-00:06:16.141491 [**] SUNRPC highport access! [**] MY.NET.253.12:43746 -> MY.NET.16.165:32771").Single();
        record["time"]!.GetValue<string>().Should().Be("2000-05-29T00:06:16.141491Z");
        record["src"]!.GetValue<string>().Should().Be("MY.NET.253.12");
    }

    [Theory]
    [InlineData("03/18-02:25:46.587048  [**] no arrow [**] 10.0.0.1:1 10.0.0.2:2", "address line")]
    [InlineData("03/18-02:25:46.587048  [**] unclosed 10.0.0.1:1 -> 10.0.0.2:2", "no closing [**]")]
    [InlineData("02/30-02:25:46.587048  [**] bad day [**] 10.0.0.1:1 -> 10.0.0.2:2", "bad time stamp")]
    [InlineData("03/18-02:25:46.587048  [**] no addresses [**]", "address line")]
    public void BrokenLine_IsAFailedRecordWithTheReason(string line, string reason)
    {
        var decoded = SnortInput.Decode(line, "03/18-02:25:47.000000  [**] fine [**] 10.0.0.1:1 -> 10.0.0.2:2");
        decoded.Records.Should().ContainSingle();
        decoded.Books.Problems.Should().ContainSingle().Which.Message.Should().Contain(reason);
    }
}
