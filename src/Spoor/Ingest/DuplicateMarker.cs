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

    public DuplicateMarker(TimeSpan? window = null, int maxEntries = DefaultMaxEntries)
    {
        Window = window ?? DefaultWindow;
        MaxEntries = maxEntries;
        _windowNanoseconds = (long)(Window.TotalMilliseconds * 1_000_000);
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
        Expire(time);
        var key = new PacketIdentity(observation.Source, observation.Destination, observation.Protocol, observation.IpId,
            observation.Has(ObservationFields.SourcePort) ? observation.SourcePort : -1,
            observation.Has(ObservationFields.DestinationPort) ? observation.DestinationPort : -1);
        var sensor = new SensorIdentity(observation.Evidence.Input, observation.InterfaceId, observation.SensorId, observation.MessageId);
        var sequence = observation.Has(ObservationFields.Sequence) ? (long)observation.Sequence : -1;

        if (_seen.TryGetValue(key, out var first)
            && Math.Abs(time - first.Time) <= _windowNanoseconds
            && first.Sensor != sensor
            && (first.Sequence < 0 || sequence < 0 || first.Sequence == sequence))
        {
            observation.DuplicateOf = first.Evidence;
            observation.Set(ObservationFields.Duplicate);
            return true;
        }

        _seen[key] = new Sighting(time, sensor, sequence, observation.Evidence);
        _order.Enqueue((key, time));
        while (_seen.Count > MaxEntries && _order.TryDequeue(out var oldest))
        {
            if (_seen.TryGetValue(oldest.Key, out var s) && s.Time == oldest.Time && _seen.Remove(oldest.Key)) Evicted++;
        }

        return false;
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
