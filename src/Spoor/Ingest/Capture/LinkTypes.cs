namespace Spoor.Ingest.Capture;

/// <summary>LINKTYPE_ numbers (tcpdump.org link-layer header types) that Spoor decodes.</summary>
public static class LinkTypes
{
    public const ushort Null = 0;
    public const ushort Ethernet = 1;
    public const ushort RawBsd = 12;
    public const ushort RawOpenBsd = 14;
    public const ushort Raw = 101;
    public const ushort Loop = 108;
    public const ushort LinuxSll = 113;
    public const ushort RawIPv4 = 228;
    public const ushort RawIPv6 = 229;
    public const ushort Nflog = 239;
    public const ushort LinuxSll2 = 276;

    public static bool IsSupported(ushort linkType) => linkType is Null or Ethernet or RawBsd or RawOpenBsd or Raw or Loop
        or LinuxSll or RawIPv4 or RawIPv6 or Nflog or LinuxSll2;
}
