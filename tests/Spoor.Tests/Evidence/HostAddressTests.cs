using System.Net;
using FsCheck.Xunit;
using Spoor.Evidence;

namespace Spoor.Tests.Evidence;

public sealed class HostAddressTests
{
    [Property(MaxTest = 1000)]
    public bool IPv6Text_MatchesTheRuntimesRfc5952Formatting(byte[] seed)
    {
        var bytes = new byte[16];
        for (var i = 0; i < Math.Min(seed.Length, 16); i++)
        {
            // Bias towards zero groups so "::" compression is exercised.
            bytes[i] = seed[i] % 3 == 0 ? (byte)0 : seed[i];
        }

        // The runtime prints deprecated IPv4-compatible addresses (::a.b.c.d, RFC 4291 §2.5.5.1) in dotted form;
        // RFC 5952 §5 and inet_ntop (so tshark and tcpdump) print them in hex, as Spoor does.
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0) return true;
        var ours = HostAddress.ReadIPv6(bytes).ToString();
        var runtime = new IPAddress(bytes).ToString();
        return ours == runtime;
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4 }, "::102:304")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1 }, "::ffff:192.0.2.1")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, "::1")]
    [InlineData(new byte[] { 0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 }, "2001:db8::1:0:0:1")]
    public void IPv6Text_FollowsRfc5952_AsInetNtopPrintsIt(byte[] bytes, string expected) =>
        HostAddress.ReadIPv6(bytes).ToString().Should().Be(expected);

    [Theory]
    [InlineData("MY.NET.1.8")]
    [InlineData("256.0.0.1")]
    [InlineData("xxx.xxx.xxx.204")]
    [InlineData("my.public.ip.x")]
    [InlineData("mailhost")]
    public void AnonymisedAndNamedHosts_AreStableTokensPrintedAsWritten(string text)
    {
        HostAddress.TryParseOrToken(text, out var a).Should().BeTrue();
        HostAddress.TryParseOrToken(text, out var b).Should().BeTrue();
        a.Kind.Should().Be(HostAddressKind.Token);
        a.Should().Be(b);
        a.ToString().Should().Be(text);
    }

    [Fact]
    public void DottedQuads_AreAddresses_AndOrderNumerically()
    {
        HostAddress.TryParseOrToken("192.0.2.10", out var ten).Should().BeTrue();
        HostAddress.TryParseOrToken("192.0.2.9", out var nine).Should().BeTrue();
        ten.Kind.Should().Be(HostAddressKind.IPv4);
        (nine < ten).Should().BeTrue();
        ten.ToString().Should().Be("192.0.2.10");
    }

    [Theory]
    [InlineData("127.0.0.1", "203.0.113.5", true)]
    [InlineData("127.0.0.1", "127.0.0.1", false)]
    [InlineData("0.0.0.0", "255.255.255.255", true)]
    [InlineData("224.0.0.251", "192.0.2.1", true)]
    [InlineData("255.255.255.255", "192.0.2.1", true)]
    [InlineData("240.0.0.1", "192.0.2.1", true)]
    [InlineData("192.0.2.1", "127.0.0.1", false)]
    [InlineData("10.0.0.5", "192.0.2.10", false)]
    [InlineData("::1", "2001:db8::1", true)]
    [InlineData("::1", "::1", false)]
    [InlineData("::", "ff02::1", true)]
    [InlineData("ff02::1", "2001:db8::1", true)]
    [InlineData("2001:db8::5", "2001:db8::1", false)]
    [InlineData("MY.NET.1.8", "192.0.2.1", false)]
    public void AddressesNoHostSendsFrom_AreKnown(string source, string destination, bool cannot)
    {
        HostAddress.TryParseOrToken(source, out var from).Should().BeTrue();
        HostAddress.TryParseOrToken(destination, out var to).Should().BeTrue();
        from.CannotBeSourceTo(to).Should().Be(cannot);
    }
}
