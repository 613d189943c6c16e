namespace Spoor.Tests.Ingest.Text;

/// <summary>spp_portscan probe-log lines and status lines.</summary>
public sealed class SnortPortscanFormatTests
{
    [Fact]
    public void ProbeLine_HasTheScanTypeAsMessage_AndFlagsByLetter()
    {
        var record = SnortInput.Decode("May 27 23:44:47 1.2.3.4:43753 -> 5.6.7.8:7 SYN 2*S***** RESERVEDBITS").Single();

        record["time"]!.GetValue<string>().Should().Be("2000-05-27T23:44:47Z");
        record["message"]!.GetValue<string>().Should().Be("SYN");
        record["verdict"]!.GetValue<string>().Should().Be("alert");
        record["proto"]!.GetValue<string>().Should().Be("tcp");
        record["flags"]!.GetValue<string>().Should().Be("ES", "the '2' is TH_RES2, the ECE bit");
        record["sport"]!.GetValue<int>().Should().Be(43753);
        record.ContainsKey("ttl").Should().BeFalse();
    }

    [Fact]
    public void UdpProbe_HasNoFlags()
    {
        var record = SnortInput.Decode("Jun  3 01:02:03 MY.NET.1.3:53 -> MY.NET.101.89:57009 UDP").Single();
        record["proto"]!.GetValue<string>().Should().Be("udp");
        record["time"]!.GetValue<string>().Should().Be("2000-06-03T01:02:03Z");
        record.ContainsKey("flags").Should().BeFalse();
    }

    [Theory]
    [InlineData("spp_portscan: PORTSCAN DETECTED from 1.2.3.4 (THRESHOLD 4 connections exceeded in 0 seconds)", "spp_portscan: PORTSCAN DETECTED")]
    [InlineData("spp_portscan: PORTSCAN DETECTED to port 7 from 1.2.3.4 (STEALTH)", "spp_portscan: PORTSCAN DETECTED")]
    [InlineData("spp_portscan: portscan status from 1.2.3.4: 12 connections across 1 hosts: TCP(12), UDP(0)", "spp_portscan: portscan status")]
    [InlineData("spp_portscan: End of portscan from 1.2.3.4: TOTAL time(8s) hosts(1) TCP(1012) UDP(0) STEALTH", "spp_portscan: End of portscan")]
    public void StatusLine_IsAnAlertFromTheScanner_WithNothingElse(string line, string message)
    {
        var record = SnortInput.Decode(line).Single();
        record["message"]!.GetValue<string>().Should().Be(message);
        record["src"]!.GetValue<string>().Should().Be("1.2.3.4");
        record["verdict"]!.GetValue<string>().Should().Be("alert");
        record.Select(p => p.Key).Should().BeEquivalentTo("input", "line", "ip_version", "src", "verdict", "message");
    }

    [Fact]
    public void StatusLineFromSyslog_TakesItsTime()
    {
        var record = SnortInput.Decode("May 27 23:44:42 sensor snort[812]: spp_portscan: PORTSCAN DETECTED from 1.2.3.4 (THRESHOLD 4 connections exceeded in 0 seconds)").Single();
        record["time"]!.GetValue<string>().Should().Be("2000-05-27T23:44:42Z");
    }

    [Fact]
    public void GrepPrefixedLines_AreRead()
    {
        var decoded = SnortInput.Decode(
            "SnortS7.txt:May 27 23:44:47 MY.NET.253.12:43755 -> MY.NET.14.1:7 NMAPID **SF*P*U",
            "scans.log:spp_portscan: End of portscan from MY.NET.253.12: TOTAL time(5s) hosts(1) TCP(1141) UDP(1)");

        decoded.Records.Should().HaveCount(2);
        decoded.Records[0]["flags"]!.GetValue<string>().Should().Be("UPSF");
        decoded.Records[1]["src"]!.GetValue<string>().Should().Be("MY.NET.253.12");
    }

    [Theory]
    [InlineData("May 27 23:44:47 1.2.3.4:1 -> 5.6.7.8:7 SYN **X*****", "unexpected")]
    [InlineData("May 27 23:44:47 1.2.3.4:1 -> 5.6.7.8 SYN **S*****", "bad address line")]
    [InlineData("May 27 23:44:47 1.2.3.4:1 -> 5.6.7.8:7", "no scan type")]
    [InlineData("May 27 23:44:47 1.2.3.4:1 -> 5.6.7.8:7 UDP **S*****", "unexpected")]
    public void BrokenProbeLine_IsAFailedRecordWithTheReason(string line, string reason)
    {
        var decoded = SnortInput.Decode(line);
        decoded.Records.Should().BeEmpty();
        decoded.Books.Problems.Should().ContainSingle().Which.Message.Should().Contain(reason);
    }

    [Fact]
    public void OtherSppPortscanMessage_IsSkipped()
    {
        var decoded = SnortInput.Decode("spp_portscan: portscan-ignorehosts configured");
        decoded.Records.Should().BeEmpty();
        decoded.Books.Skipped.Should().Be(1);
    }

    [Fact]
    public void SyslogLineOfAnotherProgram_IsNotMine()
    {
        var decoded = SnortInput.Decode("Mar 24 01:54:58 cc1014244-a cron[42]: (root) CMD (run-parts /etc/cron.hourly)");
        decoded.Books.Problems.Should().ContainSingle().Which.Message.Should().StartWith("not a recognised log line");
    }
}
