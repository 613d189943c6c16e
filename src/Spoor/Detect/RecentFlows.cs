using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The UDP flows seen lately, so a packet can be recognised as the answer to one (a DNS server's reply to a
/// client's ephemeral port is not a probe of that port). Bounded: when full, flows older than the reply
/// window go first, then everything, with the loss counted.
/// </summary>
internal sealed class RecentFlows
{
    /// <summary>An answer comes within seconds; two minutes covers DNS, NTP, SNMP and RPC retries with margin.</summary>
    public const long ReplyWindowNanoseconds = 120 * Timestamp.NanosecondsPerSecond;

    private readonly Dictionary<FlowKey, long> _lastSeen = [];
    private readonly List<FlowKey> _stale = [];
    private readonly int _capacity;

    public RecentFlows(int capacity)
    {
        _capacity = capacity;
    }

    public long Evicted { get; private set; }

    /// <summary>Remembers <paramref name="flow"/> at <paramref name="now"/>; true when it answers a flow seen within the reply window.</summary>
    public bool ObserveIsReply(FlowKey flow, long now)
    {
        var reply = _lastSeen.TryGetValue(flow.Reverse(), out var then) && now - then <= ReplyWindowNanoseconds;
        if (_lastSeen.Count >= _capacity && !_lastSeen.ContainsKey(flow)) MakeRoom(now);
        _lastSeen[flow] = now;
        return reply;
    }

    private void MakeRoom(long now)
    {
        _stale.Clear();
        foreach (var (key, then) in _lastSeen)
        {
            if (now - then > ReplyWindowNanoseconds) _stale.Add(key);
        }

        foreach (var key in _stale) _lastSeen.Remove(key);
        Evicted += _stale.Count;
        if (_lastSeen.Count >= _capacity)
        {
            Evicted += _lastSeen.Count;
            _lastSeen.Clear();
        }
    }
}
