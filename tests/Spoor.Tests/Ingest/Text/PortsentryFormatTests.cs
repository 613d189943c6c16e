namespace Spoor.Tests.Ingest.Text;

public sealed class PortsentryFormatTests
{
    private const string Header = "May 11 23:29:48 icecube portsentry[791]: ";

    [Theory]
    [InlineData("TCP NULL scan", "")]
    [InlineData(" TCP NULL scan", "")]
    [InlineData("TCP FIN scan", "F")]
    [InlineData("SYN/Normal scan", "S")]
    [InlineData("Unknown Type: TCP Packet Flags: SYN: 1 FIN: 1 ACK: 0 PSH: 0 URG: 0 RST: 0", "SF")]
    public void ScanType_GivesTheFlagsItPins(string type, string flags)
    {
        var record = FirewallLogDecode.Of(Header + $"attackalert: {type} from host: 1.2.3.4/1.2.3.4 to TCP port: 111").Single();

        record["flags"]!.GetValue<string>().Should().Be(flags);
        record["dport"]!.GetValue<int>().Should().Be(111);
        record.ContainsKey("sport").Should().BeFalse();
    }

    [Theory]
    [InlineData("TCP XMAS scan")]
    [InlineData("Connect")]
    public void ScanTypesThatDoNotPinTheFlags_LeaveThemAbsent(string type)
    {
        var record = FirewallLogDecode.Of(Header + $"attackalert: {type} from host: 1.2.3.4/1.2.3.4 to TCP port: 111").Single();

        record.ContainsKey("flags").Should().BeFalse();
        record["message"]!.GetValue<string>().Should().Be(type);
    }

    [Fact]
    public void Version2ScanLine_Decodes()
    {
        var record = FirewallLogDecode.Of(Header + "Scan from: [10.0.0.7] (scanner.example) protocol: [UDP] port: [161] type: [UDP scan] IP opts: [not set] ignored: [false] triggered: [true] noblock: [unset] blocked: [false]").Single();

        record["src"]!.GetValue<string>().Should().Be("10.0.0.7");
        record["proto"]!.GetValue<string>().Should().Be("udp");
        record["dport"]!.GetValue<int>().Should().Be(161);
        record["message"]!.GetValue<string>().Should().Be("UDP scan");
    }

    [Fact]
    public void AlertOnItsOwnOutput_WithoutSyslogHeader_Decodes()
    {
        var record = FirewallLogDecode.Of("attackalert: TCP SYN/Normal scan from host: 127.0.0.1/127.0.0.1 to TCP port: 11").Single();

        record.ContainsKey("time").Should().BeFalse();
        record["src"]!.GetValue<string>().Should().Be("127.0.0.1");
    }

    [Theory]
    [InlineData("adminalert: PortSentry is now active and listening.")]
    [InlineData("attackalert: Packet from host: 1.2.3.4/1.2.3.4 to TCP port: 11 has IP options set (detection avoidance technique).")]
    [InlineData("attackalert: Host 1.2.3.4 has been blocked via wrappers with string: \"ALL: 1.2.3.4\"")]
    [InlineData("Going into listen mode on TCP port: 143")]
    public void LinesWithoutAScan_AreSkipped(string message)
    {
        var decoded = FirewallLogDecode.Of(Header + message);

        decoded.Records.Should().BeEmpty();
        decoded.Books.Skipped.Should().Be(1);
    }

    [Theory]
    [InlineData("attackalert: SYN/Normal scan from host: 1.2.3.4/1.2.3.4 to TCP port: lots")]
    [InlineData("attackalert: SYN/Normal scan from host: 1.2.3.4/1.2.3.4 to ICMP port: 1")]
    public void ScanLineOutsideTheGrammar_IsMalformed(string message)
    {
        var decoded = FirewallLogDecode.Of(Header + message);

        decoded.Books.Failed.Should().Be(1);
    }
}
