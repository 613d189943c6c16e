using System.Text.Json.Nodes;
using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Detect;

/// <summary>
/// OS-detection probe sets (<see cref="OsProbes"/>: nmap's second-generation SEQ, ECN, T2–T7, U1 and IE probes,
/// the first-generation T1–T7 of nmap 2.x that seed 003 walks through, and xprobe2's ICMP, UDP and TCP
/// modules), per source and target. Each probe is an odd packet that some ordinary traffic could just about
/// produce; several distinct ones against one host, at least one of which nothing ordinary sends, are a
/// fingerprinting run.
/// </summary>
/// <remarks>
/// A run is the probes one source sends one target until <see cref="DetectionOptions.CraftedIdleTimeout"/>
/// passes without another: nmap -O and xprobe2 send theirs within seconds, nmap -T0 five minutes apart.
/// </remarks>
public sealed class OsFingerprintDetector : IDetector
{
    private readonly DetectionOptions _options;
    private readonly Dictionary<OsProbeKey, OsProbeState> _states = [];
    private readonly List<OsProbeKey> _expired = [];

    public OsFingerprintDetector(DetectionOptions options)
    {
        _options = options;
    }

    public string Name => "os-fingerprint";

    /// <summary>Fingerprinting probes are sent outside any connection.</summary>
    public EstablishedSegments ReadsEstablished => EstablishedSegments.None;

    public long Evicted { get; private set; }

    public void Observe(in Observation observation)
    {
        if (observation.Has(ObservationFields.Duplicate) || !observation.Has(ObservationFields.Time)) return;

        // Fingerprinting probes are sent outside any connection; a segment of a completed handshake is none of them.
        if (observation.Has(ObservationFields.Established)) return;
        if (observation.Protocol is not (TransportProtocol.Tcp or TransportProtocol.Udp or TransportProtocol.Icmp)) return;
        var probe = OsProbes.Match(observation);
        if (probe < 0) return;
        var key = new OsProbeKey(observation.Source, observation.Destination);
        if (!_states.TryGetValue(key, out var state))
        {
            if (_states.Count >= _options.MaxSources)
            {
                Evicted++;
                return;
            }

            _states[key] = state = new OsProbeState(_options.EvidencePerFinding);
        }

        state.Add(observation, probe);
    }

    public void Advance(Timestamp now, IFindingSink sink)
    {
        // An OS-detection run takes seconds; the crafted-packet idle timeout (an hour) is ample to close it.
        var horizon = now.UnixNanoseconds - _options.CraftedIdleTimeout.Ticks * 100;
        _expired.Clear();
        foreach (var (key, state) in _states)
        {
            if (state.LastSeen.UnixNanoseconds < horizon) _expired.Add(key);
        }

        foreach (var key in _expired)
        {
            Emit(key, _states[key], sink);
            _states.Remove(key);
        }
    }

    public void Complete(IFindingSink sink)
    {
        var keys = new List<OsProbeKey>(_states.Keys);
        keys.Sort((a, b) =>
        {
            var c = a.Source.CompareTo(b.Source);
            return c != 0 ? c : a.Target.CompareTo(b.Target);
        });
        foreach (var key in keys) Emit(key, _states[key], sink);
        _states.Clear();
    }

    private void Emit(OsProbeKey key, OsProbeState state, IFindingSink sink)
    {
        var distinct = System.Numerics.BitOperations.PopCount(state.Seen);
        if (!OsProbes.IsRun(state.Seen, _options.MinOsProbes)) return;

        var probes = new JsonArray();
        var tools = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var generations = new SortedSet<string>(StringComparer.Ordinal);
        var all = OsProbes.All;
        for (var i = 0; i < all.Count; i++)
        {
            if ((state.Seen & (1UL << i)) == 0) continue;
            probes.Add(all[i].Name);
            tools[all[i].Tool] = tools.GetValueOrDefault(all[i].Tool) + 1;
            generations.Add(all[i].Generation);
        }

        var tool = tools.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).First().Key;
        var modules = new JsonArray();
        for (var i = 0; i < all.Count; i++)
        {
            if ((state.Seen & (1UL << i)) != 0 && all[i].Tool == tool) modules.Add(all[i].Module);
        }

        // Three distinct probes of one tool's set against one host do not occur by chance (0.8); each further
        // one adds 0.1 up to 0.99: nmap -O sends 16 distinct probes.
        var confidence = Math.Min(MaxConfidence, BaseConfidence + ProbeStep * (distinct - _options.MinOsProbes + 1));
        var ports = new List<int>(state.Ports.Count);
        foreach (var p in state.Ports) ports.Add(p);
        ports.Sort();
        sink.Add(new Finding
        {
            Kind = FindingKind.OsFingerprint,
            Technique = null,
            Protocol = state.Tcp && state.Other ? FindingProtocol.Mixed : state.Tcp ? FindingProtocol.Tcp : FindingProtocol.Mixed,
            Sources = [key.Source],
            Targets = [key.Target],
            PortCount = ports.Count,
            Ports = ports,
            FirstSeen = state.FirstSeen,
            LastSeen = state.LastSeen,
            Packets = state.Evidence.Total,
            Confidence = Math.Round(confidence, 3),
            Tool = tool,
            Evidence = state.Evidence.Kept,
            EvidenceTotal = state.Evidence.Total,
            Attributes = new JsonObject
            {
                ["method"] = "os-probe-table",
                ["probes"] = probes,
                ["modules"] = modules,
                ["distinct_probes"] = distinct,
                ["generations"] = new JsonArray([.. generations.Select(g => JsonValue.Create(g))]),
                ["min_probes"] = _options.MinOsProbes,
                ["confidence_basis"] = "distinct-os-probes",
            },
            Detector = Name,
        });
    }

    private const double BaseConfidence = 0.7;
    private const double ProbeStep = 0.1;
    private const double MaxConfidence = 0.99;
}
