using System.Numerics;
using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// What one source did in the current episode: its contacts (capped), the Threshold Random Walk over their
/// outcomes, and per-technique counters. Reused after the source is flushed, so steady state does not allocate.
/// </summary>
public sealed class ScanSourceState
{
    /// <summary>Contacts a pooled state keeps room for: enough for an ordinary client, little for the pool to hold.</summary>
    private const int PooledContactCapacity = 64;
    private const byte TcpProtocol = 6;
    private const byte UdpProtocol = 17;

    /// <summary>
    /// Up to this many contacts are found by a backward scan; past it an index finds them. Most sources of any capture
    /// have a contact or two, and an index per source would cost more than their contacts.
    /// </summary>
    private const int LinearSearchLimit = 16;

    /// <summary>Where arrays outgrown are given back and larger ones taken; null to leave them to the collector.</summary>
    private readonly ScanContactArrays? _arrays;

    private ScanContact[] _contacts;
    private int _count;

    /// <summary>
    /// Past <see cref="LinearSearchLimit"/> contacts: an open-addressed table (linear probing, at most half full) of
    /// contact index + 1 per key, naming each key's newest contact, 0 for an empty slot. Four bytes a slot where a
    /// dictionary would hold a copy of the key and its links; the keys stay in the contacts.
    /// </summary>
    private int[]? _index;
    private bool _indexed;

    public ScanSourceState()
        : this(null)
    {
    }

    public ScanSourceState(ScanContactArrays? arrays)
    {
        _arrays = arrays;

        // Room for one contact to start: most sources of a capture make one (a stray probe, a single connection).
        _contacts = Rent(1);
    }

    public HostAddress Source { get; private set; }

    public Timestamp FirstSeen { get; private set; }

    public long LastNanoseconds { get; private set; }

    /// <summary>ln of the walk's likelihood ratio.</summary>
    public double LogRatio { get; private set; }

    /// <summary>The walk reached η1 at some point of the episode.</summary>
    public bool CalledScanner { get; private set; }

    public int Successes { get; private set; }

    public int Failures { get; private set; }

    /// <summary>The capture shows answers to this source, so silence from a target means something.</summary>
    public bool SawReplies { get; set; }

    /// <summary>Contacts up to this index have had their silence judged.</summary>
    public int SilenceCursor { get; set; }

    /// <summary>Probes not kept as contacts because the source reached its contact cap.</summary>
    public long DroppedContacts { get; private set; }

    public long Packets { get; private set; }

    /// <summary>Replies (RSTs) to ACK probes, and those with a non-zero window (what nmap -sW reads).</summary>
    public int AckRsts { get; set; }

    public int AckRstsNonZeroWindow { get; set; }

    public PortSet? DroppedPorts { get; private set; }

    /// <summary>The episode's contacts, in the order they were first made.</summary>
    public ReadOnlySpan<ScanContact> Contacts => _contacts.AsSpan(0, _count);

    public int ContactCount => _count;

    /// <summary>First contacts a sensor alerted on (IDS alerts, Snort portscan lines): not failures, but suspicion worth keeping.</summary>
    public int Alerted { get; private set; }

    /// <summary>Contacts the sensor refused (a firewall's deny of the first packet).</summary>
    public int RefusedContacts { get; private set; }

    /// <summary>Contacts over neither TCP nor UDP (ICMP requests, other IP protocols): what may make a sweep or a protocol scan of a source whose TCP and UDP contacts mostly succeed.</summary>
    public int OtherProtocolContacts { get; private set; }

    /// <summary>A failed, refused or alerted contact: such a source is kept for the slow-scan horizon and evicted last.</summary>
    public bool IsSuspect => Failures > 0 || Alerted > 0;

    /// <summary>Counts a first contact a sensor alerted on.</summary>
    public void Alert() => Alerted++;

    public void Start(HostAddress source, Timestamp time)
    {
        Source = source;
        FirstSeen = time;
        LastNanoseconds = time.UnixNanoseconds;
        LogRatio = 0;
        CalledScanner = false;
        Successes = 0;
        Failures = 0;
        Alerted = 0;
        SawReplies = false;
        SilenceCursor = 0;
        DroppedContacts = 0;
        Packets = 0;
        AckRsts = 0;
        AckRstsNonZeroWindow = 0;
        RefusedContacts = 0;
        OtherProtocolContacts = 0;
        DroppedPorts = null;
        ClearIndex();
        _count = 0;
    }

    /// <summary>Empties the state for the pool; a large scanner's tables are shrunk so the pool does not hold its memory.</summary>
    public void Release()
    {
        _count = 0;
        if (_contacts.Length > PooledContactCapacity) _contacts = Rent(PooledContactCapacity);

        // A scanner's index is dropped rather than kept for whichever source reuses the state.
        if (_index is { Length: > PooledContactCapacity * 2 }) _index = null;
        ClearIndex();
    }

    private void ClearIndex()
    {
        if (_indexed && _index is not null) Array.Clear(_index);
        _indexed = false;
    }

    /// <summary>Index of the newest contact of <paramref name="key"/> (any technique), or -1.</summary>
    public int Find(ScanContactKey key)
    {
        if (_indexed)
        {
            var slots = _index!;
            var mask = slots.Length - 1;
            for (var s = Slot(key, mask); ; s = (s + 1) & mask)
            {
                var held = slots[s];
                if (held == 0) return -1;
                if (_contacts[held - 1].Is(key)) return held - 1;
            }
        }

        var contacts = _contacts.AsSpan(0, _count);
        for (var i = contacts.Length - 1; i >= 0; i--)
        {
            if (contacts[i].Is(key)) return i;
        }

        return -1;
    }

    public ref ScanContact At(int index) => ref _contacts[index];

    /// <summary>Counts one probe of <paramref name="key"/> in <paramref name="bucket"/>; returns the contact's index, or -1 when the cap dropped it.</summary>
    public int Probe(ScanContactKey key, byte bucket, in Observation observation, int maxContacts, out bool isNew)
    {
        Packets++;
        var time = observation.Time.UnixNanoseconds;
        if (time > LastNanoseconds) LastNanoseconds = time;
        var head = Find(key);
        for (var i = head; i >= 0; i = At(i).Next)
        {
            ref var c = ref At(i);
            if (c.Bucket != bucket) continue;
            c.Packets++;
            if (time > c.LastNanoseconds) c.LastNanoseconds = time;
            isNew = false;
            return i;
        }

        isNew = true;
        if (_count >= maxContacts)
        {
            DroppedContacts++;
            DroppedPorts ??= new PortSet();
            DroppedPorts.Add(key.Port);
            return -1;
        }

        if (_count == _contacts.Length) Grow();
        if (key.Protocol is not (TcpProtocol or UdpProtocol)) OtherProtocolContacts++;
        var index = _count++;
        _contacts[index] = new ScanContact
        {
            Key = key,
            Bucket = bucket,
            Next = head,
            First = observation.Time,
            LastNanoseconds = time,
            Evidence = observation.Evidence,
            Packets = 1,
            FirstForPair = head < 0,
        };
        if (_indexed)
        {
            if (_count * 2 > _index!.Length) Reindex(_index.Length * 2);
            else Put(index);
        }
        else if (_count > LinearSearchLimit)
        {
            Reindex(Math.Max(_index?.Length ?? 0, (int)BitOperations.RoundUpToPowerOf2((uint)_count * 2)));
        }

        return index;
    }

    /// <summary>Moves the contacts to an array twice as long and gives the old one back.</summary>
    private void Grow()
    {
        var larger = Rent(_contacts.Length * 2);
        _contacts.AsSpan(0, _count).CopyTo(larger);
        _arrays?.Return(_contacts);
        _contacts = larger;
    }

    private ScanContact[] Rent(int length) => _arrays?.Rent(length) ?? new ScanContact[length];

    /// <summary>Rebuilds the index at <paramref name="size"/> slots (a power of two), ascending so each key names its newest contact.</summary>
    private void Reindex(int size)
    {
        if (_index is null || _index.Length != size) _index = new int[size];
        else Array.Clear(_index);
        _indexed = true;
        for (var i = 0; i < _count; i++) Put(i);
    }

    /// <summary>Makes contact <paramref name="index"/> the one its key names.</summary>
    private void Put(int index)
    {
        var slots = _index!;
        var mask = slots.Length - 1;
        var key = _contacts[index].Key;
        var s = Slot(key, mask);
        while (slots[s] != 0 && !_contacts[slots[s] - 1].Is(key)) s = (s + 1) & mask;
        slots[s] = index + 1;
    }

    private static int Slot(ScanContactKey key, int mask) =>
        (int)HostAddress.Mix(key.Target.Fingerprint() ^ ((ulong)key.Port << 8) ^ key.Protocol) & mask;

    /// <summary>Settles a pending first contact and moves the walk.</summary>
    /// <summary>The sensor refused the contact at <paramref name="index"/>: a failure of the walk, and counted.</summary>
    public void Refuse(int index, in ThresholdRandomWalk walk)
    {
        ref var contact = ref At(index);
        if (!contact.Refused) RefusedContacts++;
        contact.Refused = true;
        Settle(ref contact, success: false, walk);
    }

    public void Settle(ref ScanContact contact, bool success, in ThresholdRandomWalk walk)
    {
        if (contact.Outcome != ScanContactOutcome.Pending) return;
        contact.Outcome = success ? ScanContactOutcome.Success : ScanContactOutcome.Failure;
        if (!contact.FirstForPair) return;
        if (success) Successes++;
        else Failures++;
        LogRatio = walk.Step(LogRatio, success);
        if (LogRatio >= walk.ScannerThreshold) CalledScanner = true;
    }
}
