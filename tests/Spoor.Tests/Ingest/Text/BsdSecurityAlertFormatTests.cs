namespace Spoor.Tests.Ingest.Text;

public sealed class BsdSecurityAlertFormatTests
{
    [Fact]
    public void UdpAlert_IsARejectedUdpPacketToTheUnservedPort()
    {
        var record = FirewallLogDecode.Of("Mar 24 05:40:42 cc1014244-a kernel: securityalert: udp if=ef0 from 24.24.100.172:2147 to 24.3.21.199 on unserved port 137").Single();

        record["proto"]!.GetValue<string>().Should().Be("udp");
        record["src"]!.GetValue<string>().Should().Be("24.24.100.172");
        record["sport"]!.GetValue<int>().Should().Be(2147);
        record["dst"]!.GetValue<string>().Should().Be("24.3.21.199");
        record["dport"]!.GetValue<int>().Should().Be(137);
        record["verdict"]!.GetValue<string>().Should().Be("reject");
    }

    [Fact]
    public void AlertWrappedAfterFrom_IsJoined()
    {
        var decoded = FirewallLogDecode.Of("Feb 27 02:36:00 cc1014244-a kernel: securityalert: tcp if=ef0 from\n24.129.24.105:4109 to 24.3.21.199 on unserved port 8080\n");

        decoded.Single()["dport"]!.GetValue<int>().Should().Be(8080);
        decoded.Books.Records.Should().Be(1);
    }

    [Fact]
    public void AlertWithoutItsPort_IsMalformed()
    {
        var decoded = FirewallLogDecode.Of("Feb 27 02:36:00 h kernel: securityalert: tcp if=ef0 from 1.2.3.4 to 5.6.7.8 on unserved port 80");

        decoded.Records.Should().BeEmpty();
        decoded.Books.Failed.Should().Be(1);
        decoded.Books.Problems[0].Message.Should().Contain("source has no port");
    }

    [Fact]
    public void AlertCutBeforeThePort_IsMalformedNotUnrecognised()
    {
        var decoded = FirewallLogDecode.Of("Feb 27 02:36:00 h kernel: securityalert: tcp if=ef0 from 1.2.3.4:5 to 5.6.7.8 on unserved");

        decoded.Books.Failed.Should().Be(1);
        decoded.Books.Problems[0].Message.Should().Contain("cut short");
    }
}
