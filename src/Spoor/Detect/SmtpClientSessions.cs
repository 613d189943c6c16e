using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The finished SMTP sessions of one client: how many carried a message (long) and how many were short envelope
/// probes, with the servers, byte figures and opening packets of the short ones. Bounded: servers and byte samples
/// stop growing at <see cref="DetectionOptions.SmtpSessionSample"/>, while the counts go on.
/// </summary>
internal sealed class SmtpClientSessions
{
    private readonly int _sampleLimit;
    private readonly List<HostAddress> _servers = [];
    private readonly List<long> _clientBytes = [];
    private readonly List<long> _serverBytes = [];

    public SmtpClientSessions(HostAddress client, int sampleLimit, int evidenceCapacity)
    {
        Client = client;
        _sampleLimit = sampleLimit;
        Evidence = new EvidenceSample(evidenceCapacity);
    }

    public HostAddress Client { get; }

    public EvidenceSample Evidence { get; }

    /// <summary>Answered sessions of every shape.</summary>
    public long Sessions { get; private set; }

    /// <summary>Short sessions that went past the greeting: the relay-test shape.</summary>
    public long ShortSessions { get; private set; }

    /// <summary>Sessions whose client sent more than a probe does, or that lasted longer: mail delivery or real use.</summary>
    public long LongSessions { get; private set; }

    /// <summary>Short sessions whose close (FIN or RST) was seen.</summary>
    public long ShortClosed { get; private set; }

    public long ShortPackets { get; private set; }

    public Timestamp FirstSeen { get; private set; }

    public Timestamp LastSeen { get; private set; }

    public long ClientBytesMax { get; private set; }

    public long ServerBytesMax { get; private set; }

    public double DurationMaxSeconds { get; private set; }

    /// <summary>More servers were probed than the sample keeps.</summary>
    public bool ServersTruncated { get; private set; }

    public IReadOnlyList<HostAddress> Servers => _servers;

    /// <summary>Counts one finished session, classified by the caller.</summary>
    public void Add(in SmtpSession session, HostAddress server, SmtpSessionShape shape)
    {
        Sessions++;
        if (shape == SmtpSessionShape.Long) LongSessions++;
        if (shape != SmtpSessionShape.Probe) return;

        if (ShortSessions == 0 || session.FirstSeen.UnixNanoseconds < FirstSeen.UnixNanoseconds) FirstSeen = session.FirstSeen;
        if (ShortSessions == 0 || session.LastSeen.UnixNanoseconds > LastSeen.UnixNanoseconds) LastSeen = session.LastSeen;
        ShortSessions++;
        ShortPackets += session.Packets;
        if (session.Closed) ShortClosed++;
        Evidence.Add(session.Opening);
        ClientBytesMax = Math.Max(ClientBytesMax, session.ClientBytes);
        ServerBytesMax = Math.Max(ServerBytesMax, session.ServerBytes);
        DurationMaxSeconds = Math.Max(DurationMaxSeconds, session.DurationSeconds);
        if (_clientBytes.Count < _sampleLimit)
        {
            _clientBytes.Add(session.ClientBytes);
            _serverBytes.Add(session.ServerBytes);
        }

        if (_servers.Contains(server)) return;
        if (_servers.Count < _sampleLimit) _servers.Add(server);
        else ServersTruncated = true;
    }

    public long ClientBytesMedian() => Median(_clientBytes);

    public long ServerBytesMedian() => Median(_serverBytes);

    /// <summary>The lower median of the sampled values (a byte count that some session really had).</summary>
    private static long Median(List<long> values)
    {
        if (values.Count == 0) return 0;
        var sorted = new List<long>(values);
        sorted.Sort();
        return sorted[(sorted.Count - 1) / 2];
    }
}
