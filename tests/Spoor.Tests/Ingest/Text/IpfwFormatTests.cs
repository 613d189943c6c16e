namespace Spoor.Tests.Ingest.Text;

public sealed class IpfwFormatTests
{
    private const string Header = "Feb  3 16:02:18 lhotse /kernel: ipfw: ";

    [Fact]
    public void OldLaterFragment_KeepsItsOffsetButNotAnMfFlagItNeverStated()
    {
        var record = FirewallLogDecode.Of(Header + "100 Deny TCP 1.2.3.4 5.6.7.8 in via fxp0 Fragment = 3").Single();

        record["frag_offset"]!.GetValue<int>().Should().Be(24);
        record.ContainsKey("more_fragments").Should().BeFalse();
        record["proto"]!.GetValue<string>().Should().Be("ip");
        record["ip_proto"]!.GetValue<int>().Should().Be(6);
        record.ContainsKey("sport").Should().BeFalse();
    }

    [Fact]
    public void Ipfw2Fragment_GivesIdOffsetAndMoreFragments()
    {
        var record = FirewallLogDecode.Of(Header + "100 Deny UDP 1.2.3.4 5.6.7.8 in via em0 (frag 4321:1480@1480+)").Single();

        record["ip_id"]!.GetValue<int>().Should().Be(4321);
        record["frag_offset"]!.GetValue<int>().Should().Be(1480);
        record["more_fragments"]!.GetValue<bool>().Should().BeTrue();
        record["proto"]!.GetValue<string>().Should().Be("ip");
    }

    [Fact]
    public void FirstFragment_KeepsItsPorts()
    {
        var record = FirewallLogDecode.Of(Header + "100 Deny UDP 1.2.3.4:53 5.6.7.8:1024 in via em0 (frag 9:1480@0+)").Single();

        record["proto"]!.GetValue<string>().Should().Be("udp");
        record["sport"]!.GetValue<int>().Should().Be(53);
        record["frag_offset"]!.GetValue<int>().Should().Be(0);
        record["more_fragments"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void BracketedIpv6Addresses_AreRead()
    {
        var record = FirewallLogDecode.Of(Header + "200 Deny TCP [2001:db8::1]:4444 [2001:db8::2]:22 in via em0").Single();

        record["ip_version"]!.GetValue<int>().Should().Be(6);
        record["src"]!.GetValue<string>().Should().Be("2001:db8::1");
        record["dport"]!.GetValue<int>().Should().Be(22);
    }

    [Theory]
    [InlineData("300 Unreach 3 TCP 1.2.3.4:1 5.6.7.8:2 in via em0", "reject", "300 Unreach 3")]
    [InlineData("300 Reset TCP 1.2.3.4:1 5.6.7.8:2 in via em0", "reject", "300 Reset")]
    [InlineData("300 Forward to 10.0.0.1:3128 TCP 1.2.3.4:1 5.6.7.8:80 in via em0", "log", "300 Forward to 10.0.0.1:3128")]
    [InlineData("300 Count P:47 1.2.3.4 5.6.7.8 out via em0", "log", "300 Count")]
    [InlineData("-1 Refuse TCP 1.2.3.4:1 5.6.7.8:2 [no if info]", "deny", "-1 Refuse")]
    public void Action_GivesTheVerdictAndTheMessage(string record, string verdict, string message)
    {
        var decoded = FirewallLogDecode.Of(Header + record).Single();

        decoded["verdict"]!.GetValue<string>().Should().Be(verdict);
        decoded["message"]!.GetValue<string>().Should().Be(message);
    }

    [Fact]
    public void OtherProtocol_HasNumberAndNoPorts()
    {
        var record = FirewallLogDecode.Of(Header + "300 Deny P:47 1.2.3.4 5.6.7.8 in via gif0").Single();

        record["ip_proto"]!.GetValue<int>().Should().Be(47);
        record.ContainsKey("sport").Should().BeFalse();
    }

    [Theory]
    [InlineData("limit 100 reached on entry 100")]
    [InlineData("100 Deny MAC in via em0")]
    public void RecordsWithoutAnIpPacket_AreSkipped(string record)
    {
        var decoded = FirewallLogDecode.Of(Header + record);

        decoded.Records.Should().BeEmpty();
        decoded.Books.Skipped.Should().Be(1);
    }

    [Fact]
    public void IpfwLineOutsideTheGrammar_IsMalformed()
    {
        var decoded = FirewallLogDecode.Of(Header + "100 Deny something odd");

        decoded.Books.Failed.Should().Be(1);
        decoded.Books.Problems[0].Message.Should().StartWith("ipfw record");
    }
}
