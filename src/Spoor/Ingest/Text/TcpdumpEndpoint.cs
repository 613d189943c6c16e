using System.Globalization;
using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Ingest.Text;

/// <summary>
/// An endpoint as tcpdump prints it: <c>host.port</c>, where the host is an address, a name or an anonymised token
/// (<c>MY.NET.1.8.137</c>, <c>mailhost.smtp</c>, <c>2001:db8::1.80</c>) and the port a number or a service name.
/// Host and port split at the last dot.
/// </summary>
internal static class TcpdumpEndpoint
{
    // An IPv4 address has four labels; a fifth numeric label can only be a port.
    private const int Ipv4Labels = 4;

    /// <summary>Splits <c>host.port</c>; false when the last label is neither a port number nor a known service name.</summary>
    public static bool TrySplit(ReadOnlySpan<char> text, out HostAddress host, out ushort port)
    {
        host = default;
        port = 0;
        var dot = text.LastIndexOf('.');
        if (dot <= 0 || dot == text.Length - 1) return false;
        if (!TryReadPort(text[(dot + 1)..], out port)) return false;
        return HostAddress.TryParseOrToken(text[..dot], out host);
    }

    /// <summary>A port number (0–65535) or a service name tcpdump printed in its place.</summary>
    public static bool TryReadPort(ReadOnlySpan<char> text, out ushort port)
    {
        if (ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port)) return true;
        return ServiceNames.TryGetPort(text, out port);
    }

    /// <summary>
    /// Whether <paramref name="text"/> carries a port by its shape alone, for lines whose protocol tcpdump did not
    /// name (an application decode such as DNS): a dotted quad followed by a number, an IPv6 address followed by a
    /// number, or any host followed by a known service name.
    /// </summary>
    public static bool LooksLikeHostAndPort(ReadOnlySpan<char> text)
    {
        var dot = text.LastIndexOf('.');
        if (dot <= 0 || dot == text.Length - 1) return false;
        var last = text[(dot + 1)..];
        var host = text[..dot];
        if (ServiceNames.TryGetPort(last, out _)) return true;
        if (!ushort.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out _)) return false;
        if (host.Contains(':')) return true;
        var labels = 1;
        foreach (var c in host)
        {
            if (c == '.') labels++;
        }

        return labels >= Ipv4Labels;
    }

    /// <summary>Reads a host without a port (ICMP, ARP, fragments).</summary>
    public static bool TryReadHost(ReadOnlySpan<char> text, out HostAddress host) => HostAddress.TryParseOrToken(text, out host);
}
