using Spoor.Evidence;

namespace Spoor.Ingest;

/// <summary>
/// Recognises one packet logged by several sensors — a router's FORWARD chain and the host's INPUT chain,
/// three hosts' firewalls and a Snort sensor on the same LAN (seed 001, detect 5) — so detectors count it
/// once. Two records are the same packet when addresses, protocol, ports and IP ID agree (and sequence
/// numbers, where both state one), they are within <see cref="Window"/> of each other, and they come from
/// different sensors: a different input, interface, logging host or log message. One sensor seeing a
/// packet twice is a retransmission, not a duplicate, and is never marked.
/// </summary>
/// <remarks>
/// State is bounded: entries older than the window are dropped as time advances, and at most
/// <see cref="MaxEntries"/> are kept (the oldest go first, counted in <see cref="Evicted"/>).
/// </remarks>
public sealed class DuplicateMarker
{
    /// <summary>
    /// Default window: syslog stamps have one-second resolution and sensors' clocks differ by a second or
    /// so; two seconds keeps cross-sensor copies together while a TCP retransmission (≥ 1 s, RFC 6298) from
    /// the same sensor is excluded by the sensor rule anyway.
    /// </summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(2);

    /// <summary>Default bound: a million packets inside two seconds is far beyond a laptop's capture rate.</summary>
    public const int DefaultMaxEntries = 1_000_000;

    private readonly Dictionary<PacketIdentity, Sighting> _seen = new();
    private readonly Queue<(PacketIdentity Key, long Time)> _order = new();
    private readonly long _windowNanoseconds;

    /// <summary>
    /// While every record has come from one sensor (one pcapng interface, one logging host's one message), none can be
    /// a duplicate, and records are only queued in arrival order, the last window's worth, at the cost of a write each
    /// instead of a hash-table update (a pcapng capture of one interface, the usual kind, stays here to the end). The
    /// first record from a second sensor replays the queue into the table exactly as if it had been kept all along.
    /// </summary>
    private readonly Queue<(PacketIdentity Key, Sighting Sighting)> _alone = new();
    private SensorIdentity _onlySensor;
    private bool _sensorSeen;
    private bool _awake;

    public DuplicateMarker(TimeSpan? window = null, int maxEntries = DefaultMaxEntries)
        : this(window, maxEntries, awake: false)
    {
    }

    /// <param name="awake">True to keep the table from the first record (tests compare the two ways).</param>
    internal DuplicateMarker(TimeSpan? window, int maxEntries, bool awake)
    {
        Window = window ?? DefaultWindow;
        MaxEntries = maxEntries;
        _windowNanoseconds = (long)(Window.TotalMilliseconds * 1_000_000);
        _awake = awake;
    }

    public TimeSpan Window { get; }

    public int MaxEntries { get; }

    /// <summary>Entries dropped to stay within <see cref="MaxEntries"/> before their window had passed.</summary>
    public long Evicted { get; private set; }

    /// <summary>Marks <paramref name="observation"/> as a duplicate when an earlier record of the same packet came from another sensor.</summary>
    public bool Mark(ref Observation observation)
    {
        if (!observation.Has(ObservationFields.IpId | ObservationFields.Source | ObservationFields.Destination | ObservationFields.Time))
        {
            return false;
        }

        var time = observation.Time.UnixNanoseconds;
        var key = new PacketIdentity(observation.Source, observation.Destination, observation.Protocol, observation.IpId,
            observation.Has(ObservationFields.SourcePort) ? observation.SourcePort : -1,
            observation.Has(ObservationFields.DestinationPort) ? observation.DestinationPort : -1);
        var sensor = new SensorIdentity(observation.Evidence.Input, observation.InterfaceId, observation.SensorId, observation.MessageId);
        var sequence = observation.Has(ObservationFields.Sequence) ? (long)observation.Sequence : -1;
        if (!_awake)
        {
            if (!_sensorSeen || sensor == _onlySensor)
            {
                _onlySensor = sensor;
                _sensorSeen = true;
                Queue(key, new Sighting(time, sensor, sequence, observation.Evidence));
                return false;
            }

            Wake();
        }

        Expire(time);

        if (_seen.TryGetValue(key, out var first)
            && Math.Abs(time - first.Time) <= _windowNanoseconds
            && first.Sensor != sensor
            && (first.Sequence < 0 || sequence < 0 || first.Sequence == sequence))
        {
            observation.DuplicateOf = first.Evidence;
            observation.Set(ObservationFields.Duplicate);
            return true;
        }

        Remember(key, new Sighting(time, sensor, sequence, observation.Evidence));
        return false;
    }

    private void Remember(PacketIdentity key, Sighting sighting)
    {
        _seen[key] = sighting;
        _order.Enqueue((key, sighting.Time));
        while (_seen.Count > MaxEntries && _order.TryDequeue(out var oldest))
        {
            if (_seen.TryGetValue(oldest.Key, out var s) && s.Time == oldest.Time && _seen.Remove(oldest.Key)) Evicted++;
        }
    }

    /// <summary>Queues a lone sensor's record, dropping what has left the window (or, past the bound, the oldest, counted).</summary>
    private void Queue(PacketIdentity key, Sighting sighting)
    {
        while (_alone.TryPeek(out var oldest) && sighting.Time - oldest.Sighting.Time > _windowNanoseconds) _alone.Dequeue();
        _alone.Enqueue((key, sighting));
        if (_alone.Count <= MaxEntries) return;
        _alone.Dequeue();
        Evicted++;
    }

    /// <summary>A second sensor has spoken: the queued records go into the table in their order, as <see cref="Mark"/> would have put them.</summary>
    private void Wake()
    {
        _awake = true;
        while (_alone.TryDequeue(out var queued))
        {
            Expire(queued.Sighting.Time);
            Remember(queued.Key, queued.Sighting);
        }

        _alone.TrimExcess();
    }

    private void Expire(long now)
    {
        while (_order.TryPeek(out var oldest) && now - oldest.Time > _windowNanoseconds)
        {
            _order.Dequeue();
            if (_seen.TryGetValue(oldest.Key, out var s) && s.Time == oldest.Time) _seen.Remove(oldest.Key);
        }
    }

    private readonly record struct PacketIdentity(HostAddress Source, HostAddress Destination, TransportProtocol Protocol, uint IpId, int SourcePort, int DestinationPort);

    private readonly record struct SensorIdentity(int Input, uint Interface, int Host, int Message);

    private readonly record struct Sighting(long Time, SensorIdentity Sensor, long Sequence, EvidenceRef Evidence);
}
