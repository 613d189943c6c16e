using System.Runtime.InteropServices;
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

    /// <summary>
    /// Up to this many contacts are found by a backward scan of the list; past it a dictionary indexes them. Most
    /// sources of any capture have a contact or two, and a dictionary per source would cost more than their contacts.
    /// </summary>
    private const int LinearSearchLimit = 16;

    // Room for one contact to start: most sources of a capture make one (a stray probe, a single connection).
    private readonly List<ScanContact> _contacts = new(1);
    private Dictionary<ScanContactKey, int>? _index;
    private bool _indexed;

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

    public List<ScanContact> Contacts => _contacts;

    /// <summary>First contacts a sensor alerted on (IDS alerts, Snort portscan lines): not failures, but suspicion worth keeping.</summary>
    public int Alerted { get; private set; }

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
        DroppedPorts = null;
        _index?.Clear();
        _indexed = false;
        _contacts.Clear();
    }

    /// <summary>Empties the state for the pool; a large scanner's tables are shrunk so the pool does not hold its memory.</summary>
    public void Release()
    {
        _contacts.Clear();
        _indexed = false;
        if (_contacts.Capacity > PooledContactCapacity) _contacts.Capacity = PooledContactCapacity;

        // A scanner's index is dropped rather than kept for whichever source reuses the state.
        if (_index is { Count: > PooledContactCapacity }) _index = null;
        else _index?.Clear();
    }

    /// <summary>Index of the newest contact of <paramref name="key"/> (any technique), or -1.</summary>
    public int Find(ScanContactKey key)
    {
        if (_indexed) return _index!.TryGetValue(key, out var i) ? i : -1;
        var contacts = CollectionsMarshal.AsSpan(_contacts);
        for (var i = contacts.Length - 1; i >= 0; i--)
        {
            if (contacts[i].Key == key) return i;
        }

        return -1;
    }

    public ref ScanContact At(int index) => ref CollectionsMarshal.AsSpan(_contacts)[index];

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
        if (_contacts.Count >= maxContacts)
        {
            DroppedContacts++;
            DroppedPorts ??= new PortSet();
            DroppedPorts.Add(key.Port);
            return -1;
        }

        _contacts.Add(new ScanContact
        {
            Key = key,
            Bucket = bucket,
            Next = head,
            First = observation.Time,
            LastNanoseconds = time,
            Evidence = observation.Evidence,
            Packets = 1,
            FirstForPair = head < 0,
        });
        var index = _contacts.Count - 1;
        if (_indexed)
        {
            _index![key] = index;
        }
        else if (_contacts.Count > LinearSearchLimit)
        {
            // Ascending, so each key ends up naming its newest contact, as a backward scan would.
            _index ??= new Dictionary<ScanContactKey, int>(_contacts.Count * 2);
            var contacts = CollectionsMarshal.AsSpan(_contacts);
            for (var i = 0; i < contacts.Length; i++) _index[contacts[i].Key] = i;
            _indexed = true;
        }

        return index;
    }

    /// <summary>Settles a pending first contact and moves the walk.</summary>
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
