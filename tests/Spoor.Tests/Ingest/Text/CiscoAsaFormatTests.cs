namespace Spoor.Tests.Ingest.Text;

public sealed class CiscoAsaFormatTests
{
    private const string Header = "Nov  2 18:03:14 pix ";

    [Fact]
    public void AccessListHit_GivesPortsVerdictNameAndHitCount()
    {
        var record = FirewallLogDecode.Of(Header + "%ASA-6-106100: access-list outside_in denied tcp outside/1.2.3.4(4455) -> inside/5.6.7.8(80) hit-cnt 7 300-second interval [0x5c2a3b1f, 0x0]").Single();

        record["src"]!.GetValue<string>().Should().Be("1.2.3.4");
        record["sport"]!.GetValue<int>().Should().Be(4455);
        record["dst"]!.GetValue<string>().Should().Be("5.6.7.8");
        record["dport"]!.GetValue<int>().Should().Be(80);
        record["verdict"]!.GetValue<string>().Should().Be("deny");
        record["message"]!.GetValue<string>().Should().Be("outside_in");
        record["packets"]!.GetValue<int>().Should().Be(7);
    }

    [Fact]
    public void IcmpAccessListHit_BracketsHoldTypeAndCode()
    {
        var record = FirewallLogDecode.Of(Header + "%ASA-6-106100: access-list in permitted icmp outside/1.2.3.4(8) -> inside/5.6.7.8(0) hit-cnt 1 first hit [0x1, 0x0]").Single();

        record["icmp_type"]!.GetValue<int>().Should().Be(8);
        record["icmp_code"]!.GetValue<int>().Should().Be(0);
        record.ContainsKey("sport").Should().BeFalse();
        record["verdict"]!.GetValue<string>().Should().Be("accept");
    }

    [Fact]
    public void NoConnectionDeny_KeepsEveryListedFlag()
    {
        var record = FirewallLogDecode.Of(Header + "%ASA-6-106015: Deny TCP (no connection) from 1.2.3.4/80 to 5.6.7.8/1234 flags RST ACK  on interface outside").Single();

        record["flags"]!.GetValue<string>().Should().Be("AR");
        record["sport"]!.GetValue<int>().Should().Be(80);
    }

    [Fact]
    public void InboundIcmpDeny_GivesTypeAndCode()
    {
        var record = FirewallLogDecode.Of(Header + "%ASA-3-106014: Deny inbound icmp src outside:1.2.3.4 dst inside:5.6.7.8 (type 8, code 0)").Single();

        record["icmp_type"]!.GetValue<int>().Should().Be(8);
        record["src"]!.GetValue<string>().Should().Be("1.2.3.4");
        record["dst"]!.GetValue<string>().Should().Be("5.6.7.8");
    }

    [Fact]
    public void AccessGroupDeny_ReadsInterfaceQualifiedIpv6AndANumberedProtocol()
    {
        var v6 = FirewallLogDecode.Of(Header + "%ASA-4-106023: Deny tcp src outside:2001:db8::1/4444 dst inside:2001:db8::2/22 by access-group \"out\" [0x0, 0x0]").Single();
        var gre = FirewallLogDecode.Of(Header + "%ASA-4-106023: Deny protocol 47 src outside:1.2.3.4 dst inside:5.6.7.8 by access-group \"out\" [0x0, 0x0]").Single();

        v6["src"]!.GetValue<string>().Should().Be("2001:db8::1");
        v6["dport"]!.GetValue<int>().Should().Be(22);
        v6["ip_version"]!.GetValue<int>().Should().Be(6);
        gre["ip_proto"]!.GetValue<int>().Should().Be(47);
        gre["message"]!.GetValue<string>().Should().Be("out");
    }

    [Fact]
    public void OlderInboundDeny_Decodes()
    {
        var record = FirewallLogDecode.Of(Header + "%PIX-3-106010: Deny inbound tcp src outside:1.2.3.4/1234 dst inside:5.6.7.8/80").Single();

        record["dport"]!.GetValue<int>().Should().Be(80);
        record["verdict"]!.GetValue<string>().Should().Be("deny");
        record["message"]!.GetValue<string>().Should().Be("PIX-3-106010");
    }

    [Fact]
    public void UnknownPortKeyword_LeavesThePortsAbsent()
    {
        var record = FirewallLogDecode.Of(Header + "%PIX-3-710003: TCP access denied by ACL from 1.2.3.4/2984 to outside:5.6.7.8/nosuchservice").Single();

        record.ContainsKey("dport").Should().BeFalse();
        record["proto"]!.GetValue<string>().Should().Be("tcp");
    }

    [Theory]
    [InlineData("%ASA-6-302013: Built inbound TCP connection 1 for outside:1.2.3.4/1 (1.2.3.4/1) to inside:5.6.7.8/80 (5.6.7.8/80)")]
    [InlineData("%ASA-1-105005: (Primary) Lost Failover communications with mate on interface inside.")]
    [InlineData("%PIX-1-106101 The number of ACL log deny-flows has reached limit (number).")]
    public void OtherMessages_AreSkipped(string message)
    {
        var decoded = FirewallLogDecode.Of(Header + message);

        decoded.Records.Should().BeEmpty();
        decoded.Books.Skipped.Should().Be(1);
    }

    [Fact]
    public void IosLines_AreNotTakenForAsaLines()
    {
        var decoded = FirewallLogDecode.Of(Header + "%SEC-6-IPACCESSLOGS: list 10 denied 10.1.1.1 1 packet");

        decoded.Books.Format.Should().Be("cisco-ios-acl");
    }
}
