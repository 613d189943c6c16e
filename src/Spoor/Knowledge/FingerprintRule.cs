namespace Spoor.Knowledge;

/// <summary>A computed test of a tool fingerprint, beyond constant header values.</summary>
public enum FingerprintRule
{
    None,

    /// <summary>masscan: IP ID = low 16 bits of (destination address ^ destination port ^ seq).</summary>
    MasscanIpId,

    /// <summary>A non-zero acknowledgement number with the ACK flag clear (hping3 sends a random one).</summary>
    AckWithoutAckFlag,

    /// <summary>
    /// unicornscan: seq = key ^ destination ^ ((destination port &lt;&lt; 16) + source port) with one key per scan.
    /// No single packet shows it; the crafted-packet detector tests it across a source's probes.
    /// </summary>
    UnicornscanKey,
}
