using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// SMTP relay testing told from session shapes alone (no payload bytes are kept): follows each TCP connection to
/// port 25, and reports a client that held many short sessions which sent little but went past the greeting
/// (HELO, MAIL FROM, RCPT TO, QUIT with no message body) while delivering little or no mail. The thresholds are
/// <see cref="DetectionOptions"/>' <c>Smtp…</c> options.
/// </summary>
/// <remarks>
/// Only port 25 is followed. Submission (587) and submissions (465) relay only for authenticated users
/// (RFC 6409), so an open-relay test has nothing to find there; and their TLS handshakes alone send more client
/// bytes than a whole relay test on port 25, so the shape test below does not apply to them.
/// </remarks>
internal sealed class SmtpSessionTracker
{
    /// <summary>The SMTP relay port (RFC 5321).</summary>
    public const ushort SmtpPort = 25;

    private const string ServiceName = "smtp";
    private const string Intent = "relay-testing";

    private readonly DetectionOptions _options;
    private readonly Dictionary<FlowKey, SmtpSession> _sessions = [];
    private readonly Dictionary<HostAddress, SmtpClientSessions> _clients = [];
    private readonly List<FlowKey> _finished = [];
    private readonly long _idleNanoseconds;
    private readonly long _maxProbeNanoseconds;

    public SmtpSessionTracker(DetectionOptions options)
    {
        _options = options;
        _idleNanoseconds = options.SmtpSessionIdle.Ticks * 100;
        _maxProbeNanoseconds = options.SmtpMaxProbeDuration.Ticks * 100;
    }

    /// <summary>Sessions and clients dropped or cut short to stay within the bounds.</summary>
    public long Evicted { get; private set; }

    /// <summary>Takes a TCP packet to or from port 25; anything else is ignored at the cost of two compares.</summary>
    public void Observe(in Observation o)
    {
        if (o.Protocol != TransportProtocol.Tcp || o.Has(ObservationFields.Duplicate) || !o.Has(ObservationFields.Time)
            || !o.Has(ObservationFields.SourcePort) || !o.Has(ObservationFields.DestinationPort)) return;

        bool fromClient;
        FlowKey key;
        if (o.DestinationPort == SmtpPort)
        {
            fromClient = true;
            key = new FlowKey(o.Source, o.SourcePort, o.Destination, o.DestinationPort);
        }
        else if (o.SourcePort == SmtpPort)
        {
            fromClient = false;
            key = new FlowKey(o.Destination, o.DestinationPort, o.Source, o.SourcePort);
        }
        else
        {
            return;
        }

        var flags = o.Has(ObservationFields.TcpFlags) ? o.TcpFlags : TcpFlags.None;
        if (fromClient && (flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn
            && _sessions.TryGetValue(key, out var earlier) && earlier.Closed)
        {
            // The client port came round again for a new connection before the old one went idle.
            Finish(key, earlier);
            _sessions.Remove(key);
        }

        if (_sessions.Count >= _options.SmtpMaxSessions && !_sessions.ContainsKey(key)) MakeRoom(o.Time.UnixNanoseconds);
        ref var session = ref CollectionsMarshal.GetValueRefOrAddDefault(_sessions, key, out _);
        session.See(o.Time, o.Evidence);
        var payload = o.Has(ObservationFields.PayloadLength) ? o.PayloadLength : 0;
        if ((flags & (TcpFlags.Fin | TcpFlags.Rst)) != 0) session.Closed = true;
        if (fromClient)
        {
            session.ClientBytes += payload;
            if (payload > 0) session.ClientDataSegments++;
        }
        else
        {
            session.ServerBytes += payload;
            if (payload > 0 || (flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack)) session.Answered = true;
        }
    }

    /// <summary>Finishes sessions silent longer than <see cref="DetectionOptions.SmtpSessionIdle"/>.</summary>
    public void Advance(Timestamp now) => FinishIdle(now.UnixNanoseconds);

    /// <summary>Finishes every session and adds a finding for each client with the relay-test shape.</summary>
    public void Complete(IFindingSink sink, string detector)
    {
        foreach (var (key, session) in _sessions) Finish(key, session);
        _sessions.Clear();
        var clients = new List<HostAddress>(_clients.Keys);
        clients.Sort();
        foreach (var client in clients)
        {
            var sessions = _clients[client];
            if (IsRelayTesting(sessions)) sink.Add(Build(sessions, detector));
        }
    }

    /// <summary>
    /// Enough probe-shaped sessions, and more of them than sessions that carried mail: an MTA that delivers
    /// messages and now and then verifies an address (a callout) has mostly long sessions.
    /// </summary>
    private bool IsRelayTesting(SmtpClientSessions s) =>
        s.ShortSessions >= _options.SmtpMinProbeSessions && s.ShortSessions > s.LongSessions;

    private void FinishIdle(long now)
    {
        _finished.Clear();
        foreach (var (key, session) in _sessions)
        {
            if (now - session.LastSeen.UnixNanoseconds > _idleNanoseconds) _finished.Add(key);
        }

        foreach (var key in _finished)
        {
            Finish(key, _sessions[key]);
            _sessions.Remove(key);
        }
    }

    private void MakeRoom(long now)
    {
        FinishIdle(now);
        if (_sessions.Count < _options.SmtpMaxSessions) return;
        // Every session is young: finish them all as they stand. A session cut short may later reappear as a
        // second, mid-stream one; the loss is counted.
        Evicted += _sessions.Count;
        foreach (var (key, session) in _sessions) Finish(key, session);
        _sessions.Clear();
    }

    private void Finish(FlowKey key, in SmtpSession session)
    {
        if (!session.Answered) return;
        if (!_clients.TryGetValue(key.Source, out var client))
        {
            if (_clients.Count >= _options.MaxSources)
            {
                Evicted++;
                return;
            }

            _clients[key.Source] = client = new SmtpClientSessions(key.Source, _options.SmtpSessionSample, _options.EvidencePerFinding);
        }

        client.Add(session, key.Destination, Classify(session));
    }

    private SmtpSessionShape Classify(in SmtpSession s)
    {
        if (s.ClientBytes > _options.SmtpMaxProbeClientBytes
            || s.LastSeen.UnixNanoseconds - s.FirstSeen.UnixNanoseconds > _maxProbeNanoseconds) return SmtpSessionShape.Long;
        return s.ClientDataSegments >= _options.SmtpMinProbeCommands ? SmtpSessionShape.Probe : SmtpSessionShape.Brief;
    }

    private static Finding Build(SmtpClientSessions s, string detector)
    {
        var servers = new List<HostAddress>(s.Servers);
        servers.Sort();
        // Sessions finish in table order; the report quotes their openings in input order.
        var evidence = new List<EvidenceRef>(s.Evidence.Kept);
        evidence.Sort(static (a, b) => a.Input != b.Input ? a.Input.CompareTo(b.Input) : a.Number.CompareTo(b.Number));
        // Five probe sessions (the least reported) give 0.8; each further one removes a fifth of the doubt.
        var confidence = Math.Min(MaxConfidence, 1 - (1 - SingleSessionConfidence) * Math.Pow(FurtherSessionDoubt, s.ShortSessions - 1));
        var attributes = new JsonObject
        {
            ["method"] = "smtp-session-shape",
            ["service"] = ServiceName,
            ["intent"] = Intent,
            ["sessions"] = s.ShortSessions,
            ["sessions_closed"] = s.ShortClosed,
            ["sessions_total"] = s.Sessions,
            ["sessions_long"] = s.LongSessions,
            ["client_bytes_median"] = s.ClientBytesMedian(),
            ["client_bytes_max"] = s.ClientBytesMax,
            ["server_bytes_median"] = s.ServerBytesMedian(),
            ["server_bytes_max"] = s.ServerBytesMax,
            ["session_seconds_max"] = Math.Round(s.DurationMaxSeconds, 3),
        };
        if (s.ServersTruncated) attributes["servers_truncated"] = true;
        return new Finding
        {
            Kind = FindingKind.ServiceProbe,
            Technique = ScanTechnique.Connect,
            Protocol = FindingProtocol.Tcp,
            Sources = [s.Client],
            Targets = servers,
            PortCount = 1,
            Ports = [SmtpPort],
            FirstSeen = s.FirstSeen,
            LastSeen = s.LastSeen,
            Packets = s.ShortPackets,
            Confidence = Math.Round(confidence, 3),
            Evidence = evidence,
            EvidenceTotal = s.Evidence.Total,
            Attributes = attributes,
            Detector = detector,
        };
    }

    private const double SingleSessionConfidence = 0.5;
    private const double FurtherSessionDoubt = 0.8;
    private const double MaxConfidence = 0.99;
}
