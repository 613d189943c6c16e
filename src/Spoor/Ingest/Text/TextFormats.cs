namespace Spoor.Ingest.Text;

/// <summary>The text formats Spoor reads, in the order they are tried when a line is not the previous line's format.</summary>
public static class TextFormats
{
    /// <summary>A fresh set of format instances for one input (formats may keep per-input state).</summary>
    public static ITextFormat[] Create() =>
    [
        new NetfilterFormat(),
        new IpchainsFormat(),
        new BsdSecurityAlertFormat(),
        new IpfwFormat(),
        new CiscoAsaFormat(),
        new CiscoIosIdsFormat(),
        new CiscoIosAclFormat(),
        new PortsentryFormat(),
        new TcpWrappersFormat(),
        new SnortAlertFullFormat(),
        new SnortAlertFastFormat(),
        new SnortPortscanFormat(),
        new SnortPacketFormat(),
        new TcpdumpFormat(),
    ];
}
