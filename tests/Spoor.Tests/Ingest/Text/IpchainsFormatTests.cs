namespace Spoor.Tests.Ingest.Text;

public sealed class IpchainsFormatTests
{
    private const string Header = "Mar 27 14:59:06 pooky kernel: Packet log: ";

    [Fact]
    public void OneLineRecord_KeepsEveryFieldTheKernelPrinted()
    {
        var record = FirewallLogDecode.Of(Header + "input DENY eth0 PROTO=6 38.31.117.17:2440 10.0.0.201:12345 L=48 S=0x10 I=1453 F=0x4000 T=116 SYN (#5)").Single();

        record["time"]!.GetValue<string>().Should().Be("2000-03-27T14:59:06Z");
        record["src"]!.GetValue<string>().Should().Be("38.31.117.17");
        record["dst"]!.GetValue<string>().Should().Be("10.0.0.201");
        record["sport"]!.GetValue<int>().Should().Be(2440);
        record["dport"]!.GetValue<int>().Should().Be(12345);
        record["ip_len"]!.GetValue<int>().Should().Be(48);
        record["tos"]!.GetValue<int>().Should().Be(0x10);
        record["ip_id"]!.GetValue<int>().Should().Be(1453);
        record["dont_fragment"]!.GetValue<bool>().Should().BeTrue();
        record["ttl"]!.GetValue<int>().Should().Be(116);
        record["flags"]!.GetValue<string>().Should().Be("S");
        record["verdict"]!.GetValue<string>().Should().Be("deny");
        record["message"]!.GetValue<string>().Should().Be("input DENY (#5)");
    }

    [Fact]
    public void WithoutTheSynWord_FlagsStayAbsent()
    {
        var record = FirewallLogDecode.Of(Header + "input DENY eth0 PROTO=6 1.2.3.4:1 5.6.7.8:2 L=40 S=0x00 I=1 F=0x0000 T=64").Single();

        record.ContainsKey("flags").Should().BeFalse("ipchains prints SYN only for SYN without ACK/RST; its absence says nothing about the flags");
        record["sport"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void SynAndRuleWrappedOntoTheirOwnLine_BelongToTheRecord()
    {
        var decoded = FirewallLogDecode.Of(
            "Mar 27 14:59:06 www kernel: Packet log:\ninput DENY eth0 PROTO=6\n38.31.117.17:2444 10.0.0.205:12345\nL=48 S=0x00 I=2477 F=0x4000 T=116\nSYN (#5)\n");

        var record = decoded.Single();
        record["flags"]!.GetValue<string>().Should().Be("S");
        record["message"]!.GetValue<string>().Should().Be("input DENY (#5)");
        decoded.Books.Failed.Should().Be(0);
    }

    [Fact]
    public void LaterFragment_HasNoTransportFields()
    {
        var record = FirewallLogDecode.Of(Header + "input DENY eth0 PROTO=17 1.2.3.4:65535 5.6.7.8:65535 L=28 S=0x00 I=77 F=0x2005 T=64").Single();

        record["proto"]!.GetValue<string>().Should().Be("ip");
        record["ip_proto"]!.GetValue<int>().Should().Be(17);
        record["frag_offset"]!.GetValue<int>().Should().Be(40);
        record["more_fragments"]!.GetValue<bool>().Should().BeTrue();
        record["dont_fragment"]!.GetValue<bool>().Should().BeFalse();
        record.ContainsKey("sport").Should().BeFalse();
        record.ContainsKey("dport").Should().BeFalse();
    }

    [Fact]
    public void ProtocolWithoutPorts_KeepsNoPorts()
    {
        var record = FirewallLogDecode.Of(Header + "input DENY ppp0 PROTO=47 1.2.3.4:0 5.6.7.8:0 L=100 S=0x00 I=9 F=0x0000 T=50").Single();

        record["proto"]!.GetValue<string>().Should().Be("ip");
        record["ip_proto"]!.GetValue<int>().Should().Be(47);
        record.ContainsKey("sport").Should().BeFalse();
    }

    [Fact]
    public void IcmpPorts_AreTheTypeAndCode()
    {
        var record = FirewallLogDecode.Of(Header + "input DENY eth0 PROTO=1 1.2.3.4:8 5.6.7.8:0 L=84 S=0x00 I=5 F=0x0000 T=50").Single();

        record["icmp_type"]!.GetValue<int>().Should().Be(8);
        record["icmp_code"]!.GetValue<int>().Should().Be(0);
        record.ContainsKey("sport").Should().BeFalse();
    }

    [Theory]
    [InlineData("input REDIRECT 3128 eth0", "accept", "input REDIRECT 3128")]
    [InlineData("forward MASQ eth1", "accept", "forward MASQ")]
    [InlineData("input REJECT eth0", "reject", "input REJECT")]
    [InlineData("input my-chain eth0", "log", "input my-chain")]
    public void Target_GivesTheVerdictAndTheMessage(string action, string verdict, string message)
    {
        var record = FirewallLogDecode.Of(Header + action + " PROTO=6 1.2.3.4:1 5.6.7.8:80 L=40 S=0x00 I=1 F=0x0000 T=64").Single();

        record["verdict"]!.GetValue<string>().Should().Be(verdict);
        record["message"]!.GetValue<string>().Should().Be(message);
    }

    [Fact]
    public void RecordWithoutProto_IsMalformedAtItsLine()
    {
        var decoded = FirewallLogDecode.Of("\n" + Header + "input DENY eth0 1.2.3.4:1 5.6.7.8:80 L=40 T=64\n");

        decoded.Records.Should().BeEmpty();
        decoded.Books.Failed.Should().Be(1);
        decoded.Books.Problems[0].Location.Should().Be("line 2");
        decoded.Books.Problems[0].Message.Should().Contain("PROTO=");
    }

    [Fact]
    public void RecordCutShortAtTheEndOfTheFile_IsOneMalformedRecord()
    {
        var decoded = FirewallLogDecode.Of("Mar 27 14:59:06 pooky kernel: Packet log:\ninput DENY eth0 PROTO=6\n");

        decoded.Books.Records.Should().Be(1);
        decoded.Books.Failed.Should().Be(1);
        decoded.Books.Problems[0].Message.Should().Contain("cut short");
    }

    [Fact]
    public void KernelHeaderFollowedByAnotherRecord_IsNotJoinedToIt()
    {
        var decoded = FirewallLogDecode.Of("Mar 27 14:59:05 pooky kernel:\n" + Header + "input DENY eth0 PROTO=6 1.2.3.4:1 5.6.7.8:80 L=40 S=0x00 I=1 F=0x0000 T=64\n");

        decoded.Records.Should().ContainSingle().Which["line"]!.GetValue<int>().Should().Be(2);
        decoded.Books.Failed.Should().Be(1, "an empty kernel line is no record of any format");
        decoded.ShouldBeAccountedFor();
    }

    [Fact]
    public void BadNumbers_LeaveTheirFieldsAbsent()
    {
        var record = FirewallLogDecode.Of(Header + "input DENY eth0 PROTO=6 1.2.3.4:1 5.6.7.8:80 L=x S=0xZZ I=99999 F=0x0000 T=300").Single();

        foreach (var field in new[] { "ip_len", "tos", "ip_id", "ttl" }) record.ContainsKey(field).Should().BeFalse(field);
        record["dport"]!.GetValue<int>().Should().Be(80);
    }
}
