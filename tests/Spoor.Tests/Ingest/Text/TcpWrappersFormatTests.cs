namespace Spoor.Tests.Ingest.Text;

public sealed class TcpWrappersFormatTests
{
    [Fact]
    public void AcceptedConnection_IsAnAcceptFromTheClientToTheDaemonsPort()
    {
        var record = FirewallLogDecode.Of("Mar 22 04:38:13 dns1 in.ftpd[220]: connect from 10.1.2.3").Single();

        record["src"]!.GetValue<string>().Should().Be("10.1.2.3");
        record["dport"]!.GetValue<int>().Should().Be(21);
        record["proto"]!.GetValue<string>().Should().Be("tcp");
        record["verdict"]!.GetValue<string>().Should().Be("accept");
        record["message"]!.GetValue<string>().Should().Be("in.ftpd: connect");
        foreach (var field in new[] { "sport", "dst" }) record.ContainsKey(field).Should().BeFalse(field);
    }

    [Theory]
    [InlineData("refused connect from root@10.9.8.7", "10.9.8.7")]
    [InlineData("refused connect from evil.example.net", "evil.example.net")]
    [InlineData("refused connect from evil.example.net (10.9.8.7)", "10.9.8.7")]
    public void Client_IsTheAddressWhereTheLineHasOne(string message, string source)
    {
        var record = FirewallLogDecode.Of("Mar 22 04:38:13 h sshd[1]: " + message).Single();

        record["src"]!.GetValue<string>().Should().Be(source);
        record["dport"]!.GetValue<int>().Should().Be(22);
        record["verdict"]!.GetValue<string>().Should().Be("reject");
    }

    [Fact]
    public void UnknownClient_LeavesTheSourceAbsent()
    {
        var record = FirewallLogDecode.Of("Mar 22 04:38:13 h telnetd[1]: refused connect from unknown").Single();

        record.ContainsKey("src").Should().BeFalse();
        record.ContainsKey("ip_version").Should().BeFalse();
    }

    [Theory]
    [InlineData("in.tftpd", "udp", 69)]
    [InlineData("/usr/sbin/in.rlogind", "tcp", 513)]
    [InlineData("portmap", null, 111)]
    [InlineData("mydaemon", null, null)]
    public void ServicePort_ComesFromTheDaemonTable(string daemon, string? proto, int? port)
    {
        var record = FirewallLogDecode.Of($"Mar 22 04:38:13 h {daemon}[1]: refused connect from 10.1.2.3").Single();

        if (proto is null) record.ContainsKey("proto").Should().BeFalse();
        else record["proto"]!.GetValue<string>().Should().Be(proto);
        if (port is null) record.ContainsKey("dport").Should().BeFalse();
        else record["dport"]!.GetValue<int>().Should().Be(port.Value);
    }

    [Fact]
    public void NameMismatchWarning_IsALoggedRecordFromTheReverseName()
    {
        var record = FirewallLogDecode.Of("Mar 22 04:38:13 h telnetd[1]: warning: /etc/hosts.allow, line 9: host name/name mismatch: a.example != b.example").Single();

        record["src"]!.GetValue<string>().Should().Be("a.example");
        record["verdict"]!.GetValue<string>().Should().Be("log");
        record["message"]!.GetValue<string>().Should().Be("telnetd: host name/name mismatch: a.example != b.example");
    }

    [Theory]
    [InlineData("warning: /etc/hosts.allow, line 5: missing newline or line too long")]
    [InlineData("warning: can't verify hostname: gethostbyname(x.example) failed")]
    public void WarningsWithoutAClient_AreSkipped(string message)
    {
        var decoded = FirewallLogDecode.Of("Mar 22 04:38:13 h telnetd[1]: " + message);

        decoded.Books.Skipped.Should().Be(1);
    }

    [Theory]
    [InlineData("Mar 22 04:38:13 mx postfix/smtpd[1]: connect from mail.example[10.1.2.3]")]
    [InlineData("Mar 22 04:38:13 mx sshd[1]: Connection from 10.1.2.3 port 4444")]
    [InlineData("Mar 22 04:38:13 mx postfix/smtpd[1]: warning: hostname x does not resolve to address 10.1.2.3")]
    public void OtherProgramsLines_AreNotClaimed(string line)
    {
        var decoded = FirewallLogDecode.Of(line);

        decoded.Books.Format.Should().NotBe("tcp-wrappers");
        decoded.Books.Failed.Should().Be(1);
    }

    [Fact]
    public void RefusedCutBeforeTheClient_IsMalformed()
    {
        var decoded = FirewallLogDecode.Of("Mar 22 04:38:13 dns1 telnetd[2]: refused\nconnect from\n");

        decoded.Books.Records.Should().Be(1);
        decoded.Books.Failed.Should().Be(1);
        decoded.Books.Problems[0].Message.Should().Contain("cut short");
    }
}
