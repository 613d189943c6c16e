namespace Spoor.Ingest.Text;

/// <summary>Which Cisco reader a tag's facility belongs to, so the IOS and ASA readers never claim each other's lines.</summary>
internal static class CiscoFacilities
{
    /// <summary>ASA, PIX and the Catalyst firewall module share the firewall message catalogue (numeric mnemonics).</summary>
    public static bool IsFirewall(ReadOnlySpan<char> facility) => facility is "ASA" or "PIX" or "FWSM";

    /// <summary>IOS intrusion detection (the old IDS signatures and the IOS IPS <c>SIGNATURE</c> alerts).</summary>
    public static bool IsIntrusionDetection(ReadOnlySpan<char> facility) => facility is "IDS" or "IPS";

    /// <summary>IPv6 access-list logging (<c>IPV6</c> on older IOS, <c>IPV6_ACL</c> later).</summary>
    public static bool IsIpv6AccessList(ReadOnlySpan<char> facility) => facility is "IPV6" or "IPV6_ACL";
}
