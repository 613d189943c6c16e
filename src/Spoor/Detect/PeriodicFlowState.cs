using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// What the periodic detector remembers of one flow: the last arrival times in a fixed ring, counts, the targets
/// (a few, then only a count), and whether the fields that would betray a retransmission or a counter (source port,
/// sequence number, length, TTL, TCP timestamp clock) stayed constant or stepped. Reused from a pool after eviction,
/// so steady traffic allocates nothing.
/// </summary>
/// <remarks>
/// Mergeable in principle: two partial states of one key combine by merging their time rings in order and their
/// counters; the constant/increment flags combine by AND once the boundary values are compared.
/// </remarks>
internal sealed class PeriodicFlowState
{
    /// <summary>Distinct targets named in a finding; past this only the count grows (a sweep is the sweep detector's business).</summary>
    public const int TargetListLimit = 16;

    /// <summary>The ring starts this small and doubles up to the history: most flows that come back do so a few times only.</summary>
    private const int InitialRing = 4;

    /// <summary>The evidence list starts as small as the ring, and likewise doubles up to its limit.</summary>
    private const int InitialEvidence = 4;

    /// <summary>Room for targets past the first starts at three (a client of four resolvers or servers is the common case) and doubles.</summary>
    private const int InitialMoreTargets = 3;

    private readonly int _history;
    private PackedEvidence[] _evidence = [];
    private int _evidenceCount;
    private long[] _times;
    private HostAddress _firstTarget;
    private HostAddress[]? _moreTargets;
    private int _head;

    public PeriodicFlowState(int history)
    {
        _history = history;
        _times = new long[Math.Min(InitialRing, history)];
    }

    public PeriodicFlowKey Key { get; private set; }

    /// <summary>Arrival times held (at most the ring's capacity).</summary>
    public int HeldCount { get; private set; }

    public long Occurrences { get; private set; }

    public Timestamp FirstSeen { get; private set; }

    public Timestamp LastSeen { get; private set; }

    /// <summary>The coarsest time resolution among the records, in nanoseconds (1 s for a syslog line).</summary>
    public long ResolutionNanoseconds { get; private set; }

    public int TargetCount { get; private set; }

    public bool TargetsOverflowed { get; private set; }

    /// <summary>The distinct targets seen, at most <see cref="TargetListLimit"/>, in order of first sighting.</summary>
    public HostAddress[] Targets()
    {
        var targets = new HostAddress[TargetCount];
        if (TargetCount > 0) targets[0] = _firstTarget;
        for (var i = 1; i < TargetCount; i++) targets[i] = _moreTargets![i - 1];
        return targets;
    }

    /// <summary>The evidence of the first occurrences, as many as the limit given to <see cref="Record"/>.</summary>
    public EvidenceRef[] Evidence()
    {
        var evidence = new EvidenceRef[_evidenceCount];
        for (var i = 0; i < evidence.Length; i++) evidence[i] = _evidence[i].Unpack();
        return evidence;
    }

    internal FieldTrack SourcePort;

    internal FieldTrack Sequence;

    internal FieldTrack Length;

    internal FieldTrack Ttl;

    internal FieldTrack IpId;

    /// <summary>First and last TCP timestamp values with their times, to measure the sender's timestamp clock.</summary>
    public bool HasTimestamps { get; private set; }

    public uint FirstTsVal { get; private set; }

    public uint LastTsVal { get; private set; }

    public Timestamp FirstTsTime { get; private set; }

    public Timestamp LastTsTime { get; private set; }

    public void Reset(PeriodicFlowKey key)
    {
        Key = key;
        HeldCount = 0;
        _head = 0;
        Occurrences = 0;
        FirstSeen = default;
        LastSeen = default;
        ResolutionNanoseconds = 1;
        TargetCount = 0;
        TargetsOverflowed = false;
        _evidenceCount = 0;
        SourcePort = default;
        Sequence = default;
        Length = default;
        Ttl = default;
        IpId = default;
        HasTimestamps = false;
    }

    /// <summary>Counts one occurrence; the evidence list keeps the first <paramref name="evidenceLimit"/>.</summary>
    public void Record(in PeriodicSighting o, int evidenceLimit)
    {
        var time = o.Time;
        if (Occurrences == 0) FirstSeen = time;
        LastSeen = time;
        Occurrences++;
        if (HeldCount == _times.Length && _times.Length < _history)
        {
            // Not yet wrapped (the ring wraps only at full history), so growing keeps the order.
            Array.Resize(ref _times, Math.Min(_times.Length * 2, _history));
            _head = HeldCount;
        }

        _times[_head] = time.UnixNanoseconds;
        if (++_head == _times.Length) _head = 0;
        if (HeldCount < _times.Length) HeldCount++;

        var resolution = ResolutionOf(time.FractionDigits);
        if (resolution > ResolutionNanoseconds) ResolutionNanoseconds = resolution;

        if (_evidenceCount < evidenceLimit) AddEvidence(o.Evidence, evidenceLimit);

        // Once the list has overflowed a target changes nothing: it is either listed or one of the uncounted.
        if (!TargetsOverflowed) AddTarget(o.Target);

        if (o.Has(ObservationFields.SourcePort)) SourcePort.Add(o.SourcePort);
        if (o.Has(ObservationFields.Sequence)) Sequence.Add(o.Sequence);
        if (o.Has(ObservationFields.PayloadLength)) Length.Add((uint)o.PayloadLength);
        if (o.Has(ObservationFields.Ttl)) Ttl.Add(o.Ttl);
        if (o.Has(ObservationFields.IpId)) IpId.Add(o.IpId);
        if (o.Has(ObservationFields.Timestamps))
        {
            if (!HasTimestamps)
            {
                HasTimestamps = true;
                FirstTsVal = o.TimestampValue;
                FirstTsTime = time;
            }

            LastTsVal = o.TimestampValue;
            LastTsTime = time;
        }
    }

    /// <summary>Copies the held arrival times, oldest first, into <paramref name="destination"/>; returns how many.</summary>
    public int CopyTimes(Span<long> destination)
    {
        var start = HeldCount < _times.Length ? 0 : _head;
        for (var i = 0; i < HeldCount; i++) destination[i] = _times[(start + i) % _times.Length];
        return HeldCount;
    }

    private void AddTarget(HostAddress target)
    {
        if (TargetCount == 0)
        {
            _firstTarget = target;
            TargetCount = 1;
            return;
        }

        if (_firstTarget == target) return;
        for (var i = 0; i < TargetCount - 1; i++)
        {
            if (_moreTargets![i] == target) return;
        }

        // Past the list the flow only notes that there were more: exact counting would need a set per flow.
        if (TargetCount == TargetListLimit)
        {
            TargetsOverflowed = true;
            return;
        }

        if (_moreTargets is null || TargetCount - 1 == _moreTargets.Length)
        {
            Array.Resize(ref _moreTargets, _moreTargets is null ? InitialMoreTargets : Math.Min(_moreTargets.Length * 2 + 1, TargetListLimit - 1));
        }

        _moreTargets[TargetCount - 1] = target;
        TargetCount++;
    }

    private void AddEvidence(EvidenceRef evidence, int limit)
    {
        if (_evidenceCount == _evidence.Length)
        {
            Array.Resize(ref _evidence, Math.Min(Math.Max(InitialEvidence, _evidence.Length * 2), limit));
        }

        _evidence[_evidenceCount++] = new PackedEvidence(evidence);
    }

    /// <summary>The time resolution of a record whose time has <paramref name="fractionDigits"/> digits after the second, in nanoseconds.</summary>
    private static long ResolutionOf(byte fractionDigits) => ResolutionByDigits[Math.Min((int)fractionDigits, ResolutionByDigits.Length - 1)];

    /// <summary>
    /// An array, not a span over constant data: without optimisation (a Debug build) the JIT makes such a span through
    /// a field handle allocated at every call, and this is read once per occurrence.
    /// </summary>
    private static readonly long[] ResolutionByDigits = [1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    /// <summary>An evidence reference in 16 bytes instead of <see cref="EvidenceRef"/>'s 24 (its fields ordered widest first).</summary>
    private readonly struct PackedEvidence(EvidenceRef evidence)
    {
        private readonly long _number = evidence.Number;
        private readonly int _input = evidence.Input;
        private readonly EvidenceKind _kind = evidence.Kind;

        public EvidenceRef Unpack() => new(_input, _number, _kind);
    }
}
