namespace Spoor.Detect;

/// <summary>
/// Bucket numbers of a source's contacts: one per <see cref="ScanTechnique"/>, plus TCP whose flags the log did
/// not record (ipchains, BSD securityalert, firewall denies).
/// </summary>
public static class ScanBuckets
{
    /// <summary>TCP probes without recorded flags.</summary>
    public const byte TcpUnknownFlags = (byte)ScanTechnique.Mixed + 1;

    public const int Count = TcpUnknownFlags + 1;

    public static byte Of(ScanTechnique technique) => (byte)technique;

    public static ScanTechnique? Technique(byte bucket) => bucket == TcpUnknownFlags ? null : (ScanTechnique)bucket;
}
