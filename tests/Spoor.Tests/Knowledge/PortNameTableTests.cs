using Spoor.Knowledge;

namespace Spoor.Tests.Knowledge;

public sealed class PortNameTableTests
{
    [Fact]
    public void EmbeddedTables_LoadWithTheirEntries()
    {
        PortNameTable.Daemons.Count.Should().BeGreaterThan(40);
        PortNameTable.CiscoKeywords.Count.Should().BeGreaterThan(60);
        PortNameTable.CiscoKeywords.TryLookup("SSH", out var ssh).Should().BeTrue("keywords compare without regard to case");
        ssh.Should().Be(new ServicePort(22, 6));
    }

    [Theory]
    [InlineData("in.telnetd", 23)]
    [InlineData("telnetd", 23)]
    [InlineData("/usr/libexec/in.fingerd", 79)]
    [InlineData("in.cfingerd", 79)]
    public void Daemon_IsFoundWithOrWithoutItsPathAndInetdPrefix(string name, int port)
    {
        PortNameTable.Daemons.TryLookupDaemon(name, out var service).Should().BeTrue();
        service.Port.Should().Be((ushort)port);
    }

    [Fact]
    public void ServiceOnTcpAndUdp_HasNoSingleProtocol()
    {
        PortNameTable.Daemons.TryLookupDaemon("portmap", out var service).Should().BeTrue();
        service.Should().Be(new ServicePort(111, 0));
    }

    [Theory]
    [InlineData("ssh\ttcp\n", "expected name")]
    [InlineData("ssh\tsctp\t22\n", "protocol must be")]
    [InlineData("ssh\ttcp\t22\nssh\ttcp\t22\n", "listed twice")]
    [InlineData("# comment\nssh\ttcp\t70000\n", "line 2")]
    public void MalformedTable_IsRejectedWithItsLine(string text, string reason)
    {
        var act = () => PortNameTable.Parse(text, "test.tsv");

        act.Should().Throw<InvalidDataException>().WithMessage($"*{reason}*");
    }
}
