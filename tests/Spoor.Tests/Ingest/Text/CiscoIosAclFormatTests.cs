namespace Spoor.Tests.Ingest.Text;

public sealed class CiscoIosAclFormatTests
{
    private const string Header = "Aug  4 10:17:54 myhostname 3272392: ";

    [Fact]
    public void StandardList_StatesTheSourceAlone()
    {
        var record = FirewallLogDecode.Of(Header + "%SEC-6-IPACCESSLOGS: list 10 denied 10.1.1.1 3 packets").Single();

        record["src"]!.GetValue<string>().Should().Be("10.1.1.1");
        foreach (var field in new[] { "dst", "proto", "ip_proto", "sport", "dport" }) record.ContainsKey(field).Should().BeFalse(field);
        record["packets"]!.GetValue<int>().Should().Be(3);
        record["message"]!.GetValue<string>().Should().Be("10");
    }

    [Fact]
    public void IcmpRecord_GivesTypeAndCode_AndLogInputGivesTheMac()
    {
        var record = FirewallLogDecode.Of(Header + "%SEC-6-IPACCESSLOGDP: list 101 permitted icmp 10.1.1.1 (Ethernet0 0000.0c12.3456) -> 10.2.2.2 (8/0), 12 packets").Single();

        record["proto"]!.GetValue<string>().Should().Be("icmp");
        record["icmp_type"]!.GetValue<int>().Should().Be(8);
        record["icmp_code"]!.GetValue<int>().Should().Be(0);
        record["src_mac"]!.GetValue<string>().Should().Be("00:00:0c:12:34:56");
        record["verdict"]!.GetValue<string>().Should().Be("accept");
        record["packets"]!.GetValue<int>().Should().Be(12);
    }

    [Fact]
    public void OtherProtocol_IsANumberWithoutPorts()
    {
        var record = FirewallLogDecode.Of(Header + "%SEC-6-IPACCESSLOGNP: list 101 denied 47 10.1.1.1 -> 10.2.2.2, 1 packet").Single();

        record["ip_proto"]!.GetValue<int>().Should().Be(47);
        record["proto"]!.GetValue<string>().Should().Be("ip");
        record.ContainsKey("sport").Should().BeFalse();
    }

    [Fact]
    public void SerialInterface_HasNoMac()
    {
        var record = FirewallLogDecode.Of(Header + "%SEC-6-IPACCESSLOGP: list 101 denied udp 10.1.1.1(137) (Serial0/0 ) -> 10.2.2.2(137), 1 packet").Single();

        record.ContainsKey("src_mac").Should().BeFalse();
        record["dport"]!.GetValue<int>().Should().Be(137);
    }

    [Fact]
    public void Ipv6List_IsIpv6AndItsIcmpIsIcmpv6()
    {
        var record = FirewallLogDecode.Of(Header + "%IPV6_ACL-6-ACCESSLOGDP: list v6in permitted icmp 2001:DB8::1 -> 2001:DB8::2 (128/0), 1 packet").Single();

        record["ip_version"]!.GetValue<int>().Should().Be(6);
        record["proto"]!.GetValue<string>().Should().Be("icmpv6");
        record["src"]!.GetValue<string>().Should().Be("2001:db8::1");
        record["icmp_type"]!.GetValue<int>().Should().Be(128);
    }

    [Theory]
    [InlineData("Aug  4 10:17:54 r 1: Aug  4 10:17:53.949 EST: ", "2000-08-04T15:17:53.949Z")]
    [InlineData("Aug  4 10:17:54 r 1: Aug  4 10:17:53.949 CEST: ", "2000-08-04T08:17:53.949Z")]
    [InlineData("Aug  4 10:17:54 r 1: Aug  4 2003 10:17:53 UTC: ", "2003-08-04T10:17:53Z")]
    [InlineData("Aug  4 10:17:54 r 1: .Aug  4 10:17:53 PDT: ", "2000-08-04T17:17:53Z")]
    [InlineData("Aug  4 10:17:54 r 1: *Mar  1 00:01:23.456: ", "2000-08-04T10:17:54Z")]
    [InlineData("Aug  4 10:17:54 r 1: 5d17h: ", "2000-08-04T10:17:54Z")]
    [InlineData("Aug  4 10:17:54 r 1: Aug  4 10:17:53 XYZ: ", "2000-08-04T10:17:53Z")]
    [InlineData("", null)]
    public void Time_IsTheRoutersOwnClock_UnlessItIsNotAuthoritative(string header, string? time)
    {
        var record = FirewallLogDecode.Of(header + "%SEC-6-IPACCESSLOGS: list 10 denied 10.1.1.1 1 packet").Single();

        if (time is null) record.ContainsKey("time").Should().BeFalse();
        else record["time"]!.GetValue<string>().Should().Be(time);
    }

    [Fact]
    public void UnknownZone_IsReadInTheInputsZoneWithANote()
    {
        var decoded = FirewallLogDecode.Of("Aug  4 10:17:54 r 1: Aug  4 10:17:53 XYZ: %SEC-6-IPACCESSLOGS: list 10 denied 10.1.1.1 1 packet");

        decoded.Books.Notes.Should().Contain(n => n.Contains("time zone", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("%SEC-6-IPACCESSLOGRL: access-list logging rate-limited or missed 18 packets")]
    [InlineData("%LINEPROTO-5-UPDOWN: Line protocol on Interface BRI0:1, changed state to down")]
    [InlineData("%RCMD-4-RSHPORTATTEMPT: Attempted to connect to RSHELL from 1.2.3.4")]
    public void IosMessagesWithoutAnAclRecord_AreSkipped(string message)
    {
        var decoded = FirewallLogDecode.Of(Header + message);

        decoded.Records.Should().BeEmpty();
        decoded.Books.Skipped.Should().Be(1);
    }

    [Theory]
    [InlineData("%SEC-6-IPACCESSLOGP: list 101 dropped tcp 1.2.3.4(1) -> 5.6.7.8(2), 1 packet", "neither")]
    [InlineData("%SEC-6-IPACCESSLOGP: list 101 denied tcp 1.2.3.4(1) 5.6.7.8(2), 1 packet", "'->'")]
    [InlineData("%SEC-6-IPACCESSLOGP: list 101 denied tcp 1.2.3.4(x) -> 5.6.7.8(2), 1 packet", "source port")]
    [InlineData("%SEC-6-IPACCESSLOGP: list 101 denied tcp 1.2.3.4(1) -> 5.6.7.8(2) 1 packet", "','")]
    public void AclRecordOutsideTheGrammar_IsMalformed(string message, string reason)
    {
        var decoded = FirewallLogDecode.Of(Header + message);

        decoded.Books.Failed.Should().Be(1);
        decoded.Books.Problems[0].Message.Should().Contain(reason);
    }

    [Fact]
    public void RecordCutBeforeItsCount_IsMalformed()
    {
        var decoded = FirewallLogDecode.Of("Aug 4 10:17:54 myhostname 3272392: Aug 4 10:17:53.949 EST:\n%SEC-6-IPACCESSLOGP: list x denied tcp 127.0.0.1(80)\n");

        decoded.Books.Records.Should().Be(1);
        decoded.Books.Failed.Should().Be(1);
    }
}
