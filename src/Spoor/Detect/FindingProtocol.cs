namespace Spoor.Detect;

/// <summary>The protocol a finding is about: <c>tcp | udp | icmp | ip | mixed</c>.</summary>
public enum FindingProtocol
{
    Tcp,
    Udp,
    Icmp,
    Ip,
    Mixed,
}
