using System.Text.Json.Nodes;
using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Detect;

/// <summary>
/// Is some traffic coming back on a stable rhythm? Follows each (source, protocol, destination port or ICMP type)
/// flow's last arrival times in a small ring and, when the flow closes, looks for a steady period (missed beats and
/// a few percent of jitter allowed), a TCP retransmission back-off, or equal bursts repeated. Periodicity alone is not
/// an attack: pollers, broadcast announcements, keep-alives and retries are all periodic, and so are beacons; the
/// finding says what the rhythm is, with low threat, and leaves intent to whoever knows the sender.
/// </summary>
/// <remarks>
/// Only flow-opening events count as occurrences: a TCP SYN without ACK (every record when a log has no flags), a
/// UDP datagram, an ICMP query (echo, timestamp, information, address mask). Replies and the packets inside a
/// connection follow the other side's rhythm and would only blur the sender's.
/// </remarks>
public sealed class PeriodicDetector : IDetector
{
    private const byte IcmpEchoRequest = 8;
    private const byte IcmpTimestampRequest = 13;
    private const byte IcmpInformationRequest = 15;
    private const byte IcmpAddressMaskRequest = 17;
    private const byte Icmpv6EchoRequest = 128;

    /// <summary>Idle flows are looked for this many times per idle timeout: a flow closes at most an eighth late, at a scan of the table each time.</summary>
    private const int IdleSweepsPerTimeout = 8;

    /// <summary>When sweeping out young flows frees less than this share of the table, the least recently seen quarter goes too.</summary>
    private const int MinFreedShareDivisor = 8;

    private const int OldestShareDivisor = 4;

    /// <summary>Output precision of seconds: a microsecond is the finest any reader resolves.</summary>
    private const int SecondsDigits = 6;

    /// <summary>Timers are set in tenths of seconds or coarser (jiffies at HZ = 100 round to 10 ms); a tenth hides the wake-up noise.</summary>
    private const int NominalDigits = 1;

    private readonly DetectionOptions _options;

    private readonly PeriodicFlowTable _flows;
    private readonly Stack<PeriodicFlowState> _pool = new();
    private readonly List<Finding> _pending = [];
    private readonly long[] _times;
    private long[]? _lastSeenScratch;
    private long _nextIdleSweep = long.MinValue;

    public PeriodicDetector(DetectionOptions options)
    {
        _options = options;
        _flows = new PeriodicFlowTable(options.PeriodicMaxFlows);
        _times = new long[options.PeriodicHistory];
    }

    public string Name => "periodic";

    /// <summary>Only flow openings count, and an established segment opens nothing.</summary>
    public EstablishedSegments ReadsEstablished => EstablishedSegments.None;

    public long Evicted { get; private set; }

    /// <summary>Flows currently followed (for tests and the memory benchmark).</summary>
    public int FlowCount => _flows.Count;

    public void Observe(in Observation observation)
    {
        if (observation.Has(ObservationFields.Duplicate)) return;
        if (!observation.Has(ObservationFields.Time | ObservationFields.Source | ObservationFields.Destination)) return;
        if (!TryService(observation, out var service)) return;
        // A UDP answer (a DNS server's reply to a client's port) repeats only because its question did: the question's
        // flow is the one followed.
        if (observation.Protocol == TransportProtocol.Udp && observation.Has(ObservationFields.Reply)) return;

        var key = new PeriodicFlowKey(observation.Source, observation.Protocol, service);
        // Room is made as soon as the table is full, whether or not this key is new: it saves a second lookup per
        // packet, and a sweep frees at least an eighth of the table, so it runs rarely.
        if (_flows.Count >= _options.PeriodicMaxFlows) MakeRoom();

        var digest = PeriodicFlowTable.Digest(key);
        var slot = _flows.Find(key, digest);
        if (slot < 0)
        {
            _flows.Add(key, digest, new PeriodicSighting(observation));
            return;
        }

        var state = _flows.StateAt(slot);
        if (state is null)
        {
            // Second sighting: now the flow may have a rhythm, and needs its full state.
            state = _pool.Count > 0 ? _pool.Pop() : new PeriodicFlowState(_options.PeriodicHistory);
            state.Reset(key);
            state.Record(_flows.Entry(_flows.PositionAt(slot)).First, _options.EvidencePerFinding);
            _flows.Attach(slot, state);
        }

        state.Record(new PeriodicSighting(observation), _options.EvidencePerFinding);
    }

    public void Advance(Timestamp now, IFindingSink sink)
    {
        Flush(sink);
        var idle = (long)(_options.PeriodicIdleSeconds * Timestamp.NanosecondsPerSecond);
        if (_nextIdleSweep != long.MinValue && now.UnixNanoseconds < _nextIdleSweep) return;
        _nextIdleSweep = now.UnixNanoseconds + idle / IdleSweepsPerTimeout;

        var cutoff = now.UnixNanoseconds - idle;
        for (var position = 0; position < _flows.End; position++)
        {
            ref var entry = ref _flows.Entry(position);
            if (!entry.InUse || entry.LastSeenNanoseconds >= cutoff) continue;
            Close(entry.State, sink);
            _flows.Remove(position);
        }
    }

    public void Complete(IFindingSink sink)
    {
        Flush(sink);
        for (var position = 0; position < _flows.End; position++)
        {
            ref var entry = ref _flows.Entry(position);
            if (entry.InUse) Close(entry.State, sink);
        }

        _flows.Clear();
    }

    private static bool TryService(in Observation o, out ushort service)
    {
        service = 0;
        switch (o.Protocol)
        {
            case TransportProtocol.Tcp:
                if (!o.Has(ObservationFields.DestinationPort)) return false;
                if (o.Has(ObservationFields.TcpFlags) && (o.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack)) != TcpFlags.Syn) return false;
                service = o.DestinationPort;
                return true;
            case TransportProtocol.Udp:
                if (!o.Has(ObservationFields.DestinationPort)) return false;
                service = o.DestinationPort;
                return true;
            case TransportProtocol.Icmp:
                if (!o.Has(ObservationFields.IcmpType)) return false;
                service = o.IcmpType;
                return o.IcmpType is IcmpEchoRequest or IcmpTimestampRequest or IcmpInformationRequest or IcmpAddressMaskRequest;
            case TransportProtocol.Icmpv6:
                if (!o.Has(ObservationFields.IcmpType)) return false;
                service = o.IcmpType;
                return o.IcmpType == Icmpv6EchoRequest;
            default:
                return false;
        }
    }

    /// <summary>
    /// The table is full: drop the flows seen fewer times than a rhythm needs (a flood of one-off sources is made of
    /// these), and if that frees too little, the least recently seen quarter, whose findings are kept for the next flush.
    /// </summary>
    private void MakeRoom()
    {
        var freed = 0;
        for (var position = 0; position < _flows.End; position++)
        {
            ref var entry = ref _flows.Entry(position);
            if (!entry.InUse || entry.Occurrences >= _options.PeriodicMinOccurrences) continue;
            if (entry.State is not null) _pool.Push(entry.State);
            _flows.Remove(position);
            freed++;
        }

        if (freed < _options.PeriodicMaxFlows / MinFreedShareDivisor && _flows.Count > 0)
        {
            _lastSeenScratch ??= new long[_options.PeriodicMaxFlows];
            var n = 0;
            for (var position = 0; position < _flows.End; position++)
            {
                ref var entry = ref _flows.Entry(position);
                if (entry.InUse) _lastSeenScratch[n++] = entry.LastSeenNanoseconds;
            }

            Array.Sort(_lastSeenScratch, 0, n);
            var cutoff = _lastSeenScratch[Math.Max(0, n / OldestShareDivisor - 1)];
            for (var position = 0; position < _flows.End; position++)
            {
                ref var entry = ref _flows.Entry(position);
                if (!entry.InUse || entry.LastSeenNanoseconds > cutoff) continue;
                if (entry.State is { } state)
                {
                    if (BuildFinding(state) is { } finding) _pending.Add(finding);
                    _pool.Push(state);
                }

                _flows.Remove(position);
                freed++;
            }
        }

        Evicted += freed;
    }

    private void Flush(IFindingSink sink)
    {
        foreach (var finding in _pending) sink.Add(finding);
        _pending.Clear();
    }

    private void Close(PeriodicFlowState? state, IFindingSink sink)
    {
        if (state is null) return;
        if (BuildFinding(state) is { } finding) sink.Add(finding);
        _pool.Push(state);
    }

    private Finding? BuildFinding(PeriodicFlowState state)
    {
        if (state.Occurrences < _options.PeriodicMinOccurrences) return null;
        var n = state.CopyTimes(_times);
        var key = state.Key;
        var sameSegment = key.Protocol == TransportProtocol.Tcp && state.Sequence.Seen && state.Sequence.Constant && state.SourcePort.Constant;
        var pattern = PeriodicAnalysis.Analyze(_times.AsSpan(0, n), state.ResolutionNanoseconds, sameSegment, _options);
        if (pattern is null) return null;

        var targets = state.Targets();
        Array.Sort(targets);
        var isIcmp = key.Protocol is TransportProtocol.Icmp or TransportProtocol.Icmpv6;
        return new Finding
        {
            Kind = FindingKind.Periodic,
            Technique = null,
            Protocol = key.Protocol switch
            {
                TransportProtocol.Tcp => FindingProtocol.Tcp,
                TransportProtocol.Udp => FindingProtocol.Udp,
                _ => FindingProtocol.Icmp,
            },
            Sources = [key.Source],
            Targets = targets,
            PortCount = isIcmp ? 0 : 1,
            Ports = isIcmp ? [] : [key.Service],
            FirstSeen = state.FirstSeen,
            LastSeen = state.LastSeen,
            Packets = state.Occurrences,
            Confidence = Math.Round(pattern.Confidence, 2),
            Evidence = state.Evidence(),
            EvidenceTotal = state.Occurrences,
            Attributes = Attributes(state, pattern, n, isIcmp),
            Detector = Name,
        };
    }

    private JsonObject Attributes(PeriodicFlowState state, PeriodicPattern pattern, int held, bool isIcmp)
    {
        var a = new JsonObject
        {
            ["method"] = pattern.Shape switch
            {
                PeriodicShape.RetransmissionBackoff => "retransmission-backoff",
                PeriodicShape.RepeatedBursts => "repeated-bursts",
                _ => "median-interval",
            },
            ["period_seconds"] = Round(pattern.PeriodSeconds),
            ["period_nominal_seconds"] = Nominal(pattern.PeriodSeconds),
            ["jitter_seconds"] = Round(pattern.JitterSeconds),
            ["occurrences"] = state.Occurrences,
            ["intervals_analysed"] = pattern.IntervalsAnalysed,
            ["intervals_on_beat"] = pattern.IntervalsOnBeat,
        };

        switch (pattern.Shape)
        {
            case PeriodicShape.Steady:
                a["max_deviation_seconds"] = Round(pattern.MaxDeviationSeconds);
                a["tolerance_seconds"] = Round(pattern.ToleranceSeconds);
                a["missed_beats"] = pattern.MissedBeats;
                a["interpretation"] = "polling-or-beacon";
                break;
            case PeriodicShape.RetransmissionBackoff:
                AddBackoff(a, state, pattern);
                a["interpretation"] = "unanswered-connection-retransmitted";
                break;
            case PeriodicShape.RepeatedBursts:
                a["burst_size"] = pattern.BurstSize;
                a["bursts"] = pattern.Bursts;
                a["burst_intervals_seconds"] = Seconds(pattern.Schedule);
                a["burst_period_seconds"] = pattern.BurstPeriodSeconds is { } p ? Round(p) : null;
                a["tolerance_seconds"] = Round(pattern.ToleranceSeconds);
                a["interpretation"] = "unanswered-request-retried";
                break;
        }

        a["threat"] = "low";
        a["attack_evidence"] = false;
        a["confidence_basis"] = "occurrences-and-spread";
        a["min_occurrences"] = _options.PeriodicMinOccurrences;
        a["jitter_tolerance"] = _options.PeriodicJitterTolerance;
        if (held < state.Occurrences) a["intervals_from_last"] = held;
        if (isIcmp) a["icmp_type"] = state.Key.Service;
        a["targets_overflowed"] = state.TargetsOverflowed;
        AddFieldBehaviour(a, state, pattern, held);
        return a;
    }

    private static void AddBackoff(JsonObject a, PeriodicFlowState state, PeriodicPattern pattern)
    {
        a["schedule"] = Seconds(pattern.Schedule);
        var nominal = new JsonArray();
        foreach (var interval in pattern.Schedule) nominal.Add(Nominal(interval));
        a["schedule_nominal_seconds"] = nominal;
        a["retransmissions"] = pattern.Schedule.Count;
        a["initial_timeout_seconds"] = Round(pattern.InitialSeconds);
        a["backoff_factor"] = pattern.Factor;
        a["cap_seconds"] = pattern.CapSeconds > 0 ? Round(pattern.CapSeconds) : null;

        var largest = 0.0;
        foreach (var interval in pattern.Schedule) largest = Math.Max(largest, interval);
        var stacks = new JsonArray();
        foreach (var profile in RetransmissionProfiles.Matching(pattern.InitialSeconds, pattern.Factor, pattern.CapSeconds, largest,
                     pattern.Schedule.Count, PeriodicAnalysis.MatchTolerance))
        {
            stacks.Add(profile.Stack);
        }

        a["stacks"] = stacks;

        // The TCP timestamp clock (RFC 7323 leaves its rate to the stack) narrows the stack further: Linux 2.x ticks at HZ = 100.
        if (state.HasTimestamps && state.LastTsTime.UnixNanoseconds > state.FirstTsTime.UnixNanoseconds)
        {
            var seconds = (state.LastTsTime.UnixNanoseconds - state.FirstTsTime.UnixNanoseconds) / (double)Timestamp.NanosecondsPerSecond;
            a["timestamp_clock_hz"] = Math.Round(unchecked(state.LastTsVal - state.FirstTsVal) / seconds, 1);
        }
    }

    private static void AddFieldBehaviour(JsonObject a, PeriodicFlowState state, PeriodicPattern pattern, int held)
    {
        // A counter that rose by exactly the number of periods spanned confirms the missed beats were sent, only not seen.
        var periods = pattern.Shape == PeriodicShape.Steady && held == state.Occurrences && pattern.IntervalsOnBeat == pattern.IntervalsAnalysed
            ? pattern.IntervalsOnBeat + pattern.MissedBeats
            : 0;
        var invariants = new JsonObject();
        var counters = new JsonObject();
        var varies = new JsonArray();
        Describe("source_port", state.SourcePort, periods, invariants, counters, varies);
        Describe("sequence", state.Sequence, periods, invariants, counters, varies);
        Describe("payload_length", state.Length, periods, invariants, counters, varies);
        Describe("ttl", state.Ttl, periods, invariants, counters, varies);
        Describe("ip_id", state.IpId, periods, invariants, counters, varies);
        a["invariants"] = invariants;
        a["counters"] = counters;
        a["varies"] = varies;
    }

    private static void Describe(string name, FieldTrack track, int periods, JsonObject invariants, JsonObject counters, JsonArray varies)
    {
        if (!track.Seen) return;
        if (track.Constant)
        {
            invariants[name] = track.First;
        }
        else if (track.Ascending)
        {
            var counter = new JsonObject { ["first"] = track.First, ["last"] = track.Last, ["step"] = track.Increments ? 1 : null };
            if (periods > 0) counter["per_period"] = Math.Round((track.Last - track.First) / (double)periods, 3);
            counters[name] = counter;
        }
        else
        {
            varies.Add(name);
        }
    }

    private static JsonArray Seconds(IReadOnlyList<double> values)
    {
        var array = new JsonArray();
        foreach (var v in values) array.Add(Round(v));
        return array;
    }

    private static double Round(double seconds) => Math.Round(seconds, SecondsDigits);

    /// <summary>To a tenth of a second: the timer value a sender was set to, without the scheduling noise on top.</summary>
    private static double Nominal(double seconds) => Math.Round(seconds, NominalDigits);
}
