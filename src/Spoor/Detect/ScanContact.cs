using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// One probe target of one source in one technique: when it was first and last probed, how often, what the
/// target answered and what the source did with the answer. A mutable value kept in a list and updated in place.
/// </summary>
public struct ScanContact
{
    public ScanContactKey Key { get; set; }

    /// <summary>The source's bucket (technique) this contact belongs to; see <see cref="ScanBuckets"/>.</summary>
    public byte Bucket { get; set; }

    /// <summary>Index of the next contact of the same pair in another technique, or -1.</summary>
    public int Next { get; set; }

    public Timestamp First { get; set; }

    public long LastNanoseconds { get; set; }

    public EvidenceRef Evidence { get; set; }

    public int Packets { get; set; }

    public ScanContactOutcome Outcome { get; set; }

    /// <summary>The pair's first contact (only first contacts move the walk; a second technique on the same pair does not).</summary>
    public bool FirstForPair { get; set; }

    /// <summary>A sensor refused the probe (firewall deny, drop or reject).</summary>
    public bool Refused { get; set; }

    /// <summary>The failure was silence past the reply timeout.</summary>
    public bool Silent { get; set; }

    public bool SynAckSeen { get; set; }

    /// <summary>The source completed the handshake (a bare ACK after the SYN).</summary>
    public bool SourceAcked { get; set; }

    /// <summary>The source reset the pair itself (the kernel's RST to an unexpected SYN-ACK, or a connect scan's teardown).</summary>
    public bool SourceReset { get; set; }

    public bool RstSeen { get; set; }

    public bool RstWindowNonZero { get; set; }
}
