namespace Spoor.Tests.Ingest.Text;

public sealed class CiscoIosIdsFormatTests
{
    [Fact]
    public void IdsSignature_NamesItsProtocolByTheMnemonic()
    {
        var record = FirewallLogDecode.Of("Jul 10 17:56:13 r 139826: %IDS-4-ICMP_ECHO_SIG: Sig:2004:ICMP Echo Request - from 1.2.3.4 to 5.6.7.8").Single();

        record["proto"]!.GetValue<string>().Should().Be("icmp");
        record["verdict"]!.GetValue<string>().Should().Be("alert");
        record["message"]!.GetValue<string>().Should().Be("Sig:2004:ICMP Echo Request");
        record.ContainsKey("icmp_type").Should().BeFalse("the signature name is not a decoded ICMP header");
    }

    [Fact]
    public void IpsSignature_HasPortsButNoProtocol()
    {
        var record = FirewallLogDecode.Of("Sep  1 10:25:29 10.10.10.1 %IPS-4-SIGNATURE: Sig:3051 Subsig:1 Sev:4 TCP Connection Window Size DoS [192.168.100.11:51654 -> 10.10.10.10:4444] RiskRating:25").Single();

        record["sport"]!.GetValue<int>().Should().Be(51654);
        record["dport"]!.GetValue<int>().Should().Be(4444);
        record.ContainsKey("proto").Should().BeFalse();
    }

    [Fact]
    public void IdsStatusMessage_IsSkipped()
    {
        var decoded = FirewallLogDecode.Of("Sep  1 10:25:29 10.10.10.1 %IPS-6-ENGINE_READY: atomic-ip - build time 8 ms - packets for this engine will be scanned");

        decoded.Books.Skipped.Should().Be(1);
    }

    [Fact]
    public void SignatureWithoutAddresses_IsMalformed()
    {
        var decoded = FirewallLogDecode.Of("Sep  1 10:25:29 10.10.10.1 %IPS-4-SIGNATURE: Sig:3051 Subsig:1 Sev:4 TCP Connection Window Size DoS");

        decoded.Books.Failed.Should().Be(1);
    }
}
