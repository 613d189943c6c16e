using FsCheck.Xunit;
using Spoor.Knowledge;

namespace Spoor.Tests.Knowledge;

public sealed class SnmpMessageHeadTests
{
    [Theory]
    // v1 GetRequest, community "public" (tests/data/synthetic/snmp.pcap frame 1).
    [InlineData("302602010004067075626c6963a019020107020100020100300e300c06082b060102010101000500", "1", "public")]
    // v2c, community "private".
    [InlineData("3027020101040770726976617465a019020108020100020100300e300c06082b060102010101000500", "2c", "private")]
    // Long-form lengths (0x81 and 0x82) for the sequence and the community.
    [InlineData("3082002a0201000481067075626c6963", "1", "public")]
    public void V1AndV2cMessages_GiveVersionAndCommunity(string hex, string version, string community)
    {
        SnmpMessageHead.TryRead(Convert.FromHexString(hex), out var v, out var c).Should().BeTrue();
        v.Should().Be(version);
        c.Should().Be(community);
    }

    [Property(MaxTest = 1000)]
    public bool AnyBytes_AreReadOrDeclined_WithoutThrowing(byte[] bytes)
    {
        var read = SnmpMessageHead.TryRead(bytes, out var version, out var community);
        return !read || (version is "1" or "2c" && community.Length < bytes.Length);
    }

    [Fact]
    public void EveryCutOfAMessage_BeforeTheCommunityEnds_IsDeclined()
    {
        var message = Convert.FromHexString("302602010004067075626c6963a019020107020100020100300e300c06082b060102010101000500");
        const int communityEnd = 13;
        for (var cut = 0; cut < communityEnd; cut++)
        {
            SnmpMessageHead.TryRead(message.AsSpan(0, cut), out _, out _).Should().BeFalse($"{cut} bytes do not hold the whole community");
        }

        SnmpMessageHead.TryRead(message.AsSpan(0, communityEnd), out _, out var community).Should().BeTrue();
        community.Should().Be("public");
    }

    [Theory]
    [InlineData("303e020103300e02", "SNMPv3 (version 3) has no community")]
    [InlineData("302602010004067075626c", "the community runs past the bytes held")]
    [InlineData("30260201000406707562016963", "a community with a control byte is not printable text")]
    [InlineData("3026020200000406707562", "a two-byte version is not v1 or v2c")]
    [InlineData("31260201000406707562", "not a SEQUENCE")]
    [InlineData("3080020100040170", "indefinite length")]
    [InlineData("", "nothing")]
    public void AnythingElse_IsDeclined(string hex, string why)
    {
        SnmpMessageHead.TryRead(Convert.FromHexString(hex), out _, out _).Should().BeFalse(why);
    }
}
