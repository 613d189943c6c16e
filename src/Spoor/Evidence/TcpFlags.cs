namespace Spoor.Evidence;

/// <summary>
/// The twelve flag bits of the TCP header (RFC 9293 §3.1, RFC 3168 for ECE/CWR, RFC 3540/AccECN for the
/// AE bit once called NS) including the three still-reserved bits, so crafted packets that set them are seen.
/// </summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "'TCP flags' is the protocol's own name for these bits.")]
public enum TcpFlags : ushort
{
    None = 0,
    Fin = 0x001,
    Syn = 0x002,
    Rst = 0x004,
    Psh = 0x008,
    Ack = 0x010,
    Urg = 0x020,
    Ece = 0x040,
    Cwr = 0x080,
    Ae = 0x100,
    Reserved1 = 0x200,
    Reserved2 = 0x400,
    Reserved3 = 0x800,

    /// <summary>The eight classic flags, CWR to FIN.</summary>
    Classic = 0x0FF,

    /// <summary>AE/NS and the three reserved bits.</summary>
    ReservedBits = 0xF00,
}
