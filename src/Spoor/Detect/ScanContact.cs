using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// One probe target of one source in one technique: when it was first and last probed, how often, what the
/// target answered and what the source did with the answer. A mutable value kept in its source's array and updated in place.
/// </summary>
/// <remarks>
/// A busy capture holds millions of these, and finding a contact reads them one after another: the key, the time
/// and the evidence are kept as their parts and the yes/no facts as bits, 72 bytes where the whole values took 104.
/// </remarks>
public struct ScanContact
{
    private HostAddress _target;
    private ushort _port;
    private byte _protocol;
    private byte _bucket;
    private ScanContactOutcome _outcome;
    private Facts _facts;
    private byte _firstDigits;
    private EvidenceKind _evidenceKind;
    private long _first;
    private long _last;
    private long _evidenceNumber;
    private int _evidenceInput;
    private int _packets;
    private int _next;

    /// <summary>What the sensor did with the first probe, beyond refusing it (<see cref="Facts.Refused"/>): in the struct's tail padding, so it stays 72 bytes.</summary>
    private SensorFacts _sensor;

    [Flags]
    private enum SensorFacts : byte
    {
        None = 0,
        Accepted = 1,
    }

    [Flags]
    private enum Facts : byte
    {
        None = 0,
        FirstForPair = 1,
        Refused = 1 << 1,
        Silent = 1 << 2,
        SynAckSeen = 1 << 3,
        SourceAcked = 1 << 4,
        SourceReset = 1 << 5,
        RstSeen = 1 << 6,
        RstWindowNonZero = 1 << 7,
    }

    public ScanContactKey Key
    {
        readonly get => new(_target, _port, _protocol);
        set
        {
            _target = value.Target;
            _port = value.Port;
            _protocol = value.Protocol;
        }
    }

    /// <summary>The source's bucket (technique) this contact belongs to; see <see cref="ScanBuckets"/>.</summary>
    public byte Bucket { readonly get => _bucket; set => _bucket = value; }

    /// <summary>Index of the next contact of the same pair in another technique, or -1.</summary>
    public int Next { readonly get => _next; set => _next = value; }

    public Timestamp First
    {
        readonly get => new(_first, _firstDigits);
        set
        {
            _first = value.UnixNanoseconds;
            _firstDigits = value.FractionDigits;
        }
    }

    public long LastNanoseconds { readonly get => _last; set => _last = value; }

    public EvidenceRef Evidence
    {
        readonly get => new(_evidenceInput, _evidenceNumber, _evidenceKind);
        set
        {
            _evidenceInput = value.Input;
            _evidenceNumber = value.Number;
            _evidenceKind = value.Kind;
        }
    }

    public int Packets { readonly get => _packets; set => _packets = value; }

    public ScanContactOutcome Outcome { readonly get => _outcome; set => _outcome = value; }

    /// <summary>The pair's first contact (only first contacts move the walk; a second technique on the same pair does not).</summary>
    public bool FirstForPair { readonly get => Has(Facts.FirstForPair); set => Set(Facts.FirstForPair, value); }

    /// <summary>A sensor refused the probe (firewall deny, drop or reject).</summary>
    public bool Refused { readonly get => Has(Facts.Refused); set => Set(Facts.Refused, value); }

    /// <summary>The failure was silence past the reply timeout.</summary>
    public bool Silent { readonly get => Has(Facts.Silent); set => Set(Facts.Silent, value); }

    public bool SynAckSeen { readonly get => Has(Facts.SynAckSeen); set => Set(Facts.SynAckSeen, value); }

    /// <summary>The source completed the handshake (a bare ACK after the SYN).</summary>
    public bool SourceAcked { readonly get => Has(Facts.SourceAcked); set => Set(Facts.SourceAcked, value); }

    /// <summary>The source reset the pair itself (the kernel's RST to an unexpected SYN-ACK, or a connect scan's teardown).</summary>
    public bool SourceReset { readonly get => Has(Facts.SourceReset); set => Set(Facts.SourceReset, value); }

    public bool RstSeen { readonly get => Has(Facts.RstSeen); set => Set(Facts.RstSeen, value); }

    /// <summary>
    /// A sensor let the first probe through (a firewall's accept or permit, a TCP wrapper's connect): in a log of one
    /// direction, the only sign that the contact was not refused.
    /// </summary>
    public bool SensorAccepted
    {
        readonly get => (_sensor & SensorFacts.Accepted) != 0;
        set => _sensor = value ? _sensor | SensorFacts.Accepted : _sensor & ~SensorFacts.Accepted;
    }

    public bool RstWindowNonZero { readonly get => Has(Facts.RstWindowNonZero); set => Set(Facts.RstWindowNonZero, value); }

    /// <summary>This contact is of <paramref name="key"/>: the port and protocol are compared first, as they differ most often.</summary>
    public readonly bool Is(in ScanContactKey key) => _port == key.Port && _protocol == key.Protocol && _target == key.Target;

    private readonly bool Has(Facts fact) => (_facts & fact) != 0;

    private void Set(Facts fact, bool value) => _facts = value ? _facts | fact : _facts & ~fact;
}
