using System.Buffers;
using System.Runtime.InteropServices;
using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Detect;

/// <summary>
/// Port scans, port sweeps and ICMP sweeps, with their technique, and the decoy scans and same-actor links
/// among them. Per source it records first contacts to (target, port) pairs and what became of them: where the
/// capture shows replies, a Threshold Random Walk (Jung et al. 2004) over successes (SYN-ACK, a UDP or ICMP
/// answer) and failures (RST, ICMP unreachable, silence, a firewall's deny) decides; where only one direction
/// is logged, distinct-port and distinct-target counts over the source's episode decide (Snort sfPortscan's
/// thresholds). Replies are never probes: a packet that answers a contact of its destination is the answer.
/// </summary>
public sealed class ScanDetector : IDetector, IJudgesAtStreamEnd
{
    private const byte TcpProtocol = 6;
    private const byte UdpProtocol = 17;
    private const byte IcmpProtocol = 1;
    private const byte IcmpEchoReply = 0;
    private const byte IcmpUnreachable = 3;
    private const byte IcmpEchoRequest = 8;
    private const byte IcmpTimestampRequest = 13;
    private const byte IcmpTimestampReply = 14;
    private const byte IcmpMaskRequest = 17;
    private const byte IcmpMaskReply = 18;

    /// <summary>The six classic flags; ECN (ECE, CWR, AE) and reserved bits do not change what a probe asks.</summary>
    private const TcpFlags ProbeFlags = TcpFlags.Fin | TcpFlags.Syn | TcpFlags.Rst | TcpFlags.Psh | TcpFlags.Ack | TcpFlags.Urg;

    /// <summary>Sources evicted at once when the table is full, as a share of it: amortises the pass that chooses them.</summary>
    private const int EvictionShareDivisor = 16;

    private readonly DetectionOptions _options;
    private readonly ThresholdRandomWalk _walk;
    private readonly ScanSourceTable _sources = new();
    private readonly Stack<ScanSourceState> _free = new();
    private readonly ScanContactArrays _contactArrays = new();
    private readonly List<ScanSourceState> _batch = [];
    private readonly Dictionary<int, (bool Known, ScanTechnique Technique, FindingProtocol Protocol)> _messages = [];
    private readonly ScanReporter _reporter;

    private readonly long _replyTimeout;
    private Timestamp _latest;
    private long _evicted;

    /// <summary>Contacts held by all sources together, kept within <see cref="DetectionOptions.ScanMaxContacts"/>.</summary>
    private long _contactsHeld;

    private ScanSourceState[] _evictionStates = [];
    private long[] _evictionKeys = [];

    /// <summary>Findings of suspect sources closed early to stay within the bounds, emitted at the next advance.</summary>
    private readonly PendingFindings _pending = new();

    public ScanDetector(DetectionOptions options)
    {
        _options = options;
        _walk = new ThresholdRandomWalk(options.ScanBenignSuccess, options.ScanScannerSuccess, options.ScanFalsePositive, options.ScanDetection);
        _replyTimeout = (long)(options.ScanReplyTimeout.TotalSeconds * Timestamp.NanosecondsPerSecond);
        _reporter = new ScanReporter(options, _walk);
    }

    public string Name => "scan";

    /// <summary>A segment of a completed handshake neither probes nor answers a probe.</summary>
    public EstablishedSegments ReadsEstablished => EstablishedSegments.None;

    public long Evicted => _evicted + _reporter.Forgotten;

    public void Observe(in Observation observation)
    {
        if (!observation.Has(ObservationFields.Source | ObservationFields.Destination | ObservationFields.Time)) return;
        if (observation.Has(ObservationFields.Duplicate)) return;
        if (observation.Has(ObservationFields.FragmentOffset) && observation.FragmentOffset > 0) return;
        // A segment of a completed handshake (not a SYN, not a reset) neither probes nor answers a probe: most of any
        // capture, passed over without touching the source tables. (The stream's end, which they may mark, is told at
        // the end: see StreamEndsAt.)
        if (observation.Has(ObservationFields.Established)) return;
        if (observation.Time.UnixNanoseconds > _latest.UnixNanoseconds) _latest = observation.Time;

        if (_sources.Find(observation.Destination) is { } prober && Answer(prober, in observation)) return;

        // A source no host can send from (loopback reaching a public address, 0/8, multicast) did not probe anything:
        // it was forged, or is answering a forged packet (seed 004: Blaster's RSTs from 127.0.0.1:80). Calling it a
        // scanner is the mistake analysts warn of; it is spoofing's and backscatter's to report.
        if (observation.Source.CannotBeSourceTo(observation.Destination)) return;
        if (!Classify(in observation, out var key, out var bucket)) return;

        var state = _sources.Find(observation.Source);
        if (state is null)
        {
            // Continuations of connections whose opening was not seen are not worth a new source.
            if (bucket == byte.MaxValue) return;
            state = Admit(observation.Source, observation.Time);
        }

        // An ACK-bearing packet continues the contact of its pair (TCP's key is the same whether it probes or not).
        if (bucket == byte.MaxValue)
        {
            Continue(state, state.Find(key), in observation);
            return;
        }

        if (IsConnectionAck(state, key, bucket, out var opened))
        {
            Continue(state, opened, in observation);
            return;
        }

        var index = state.Probe(key, bucket, in observation, _options.ScanMaxContactsPerSource, out var isNew);
        if (index < 0)
        {
            _evicted++;
            return;
        }

        if (isNew) _contactsHeld++;

        if (isNew && IsRefusal(observation))
        {
            state.Refuse(index, _walk);
        }
        else if (isNew && observation.Has(ObservationFields.Verdict) && observation.Verdict == SensorVerdict.Alert)
        {
            state.Alert();
        }
        else if (isNew && observation.Has(ObservationFields.Verdict) && observation.Verdict == SensorVerdict.Accept)
        {
            state.At(index).SensorAccepted = true;
        }

        if (_contactsHeld > _options.ScanMaxContacts) Evict();
    }

    public void Advance(Timestamp now, IFindingSink sink)
    {
        _pending.MoveTo(sink);
        var time = now.UnixNanoseconds;
        _batch.Clear();
        foreach (var state in _sources)
        {
            JudgeSilence(state, time);
            var idle = time - state.LastNanoseconds;
            var horizon = state.IsSuspect ? _options.ScanIdleWithFailures : _options.ScanIdleBenign;
            if (idle > (long)(horizon.TotalSeconds * Timestamp.NanosecondsPerSecond)) _batch.Add(state);
        }

        Flush(sink);
    }

    /// <summary>Probes are last judged for silence against the end of the whole stream, not of the part this detector read.</summary>
    void IJudgesAtStreamEnd.StreamEndsAt(Timestamp latest)
    {
        if (latest.UnixNanoseconds > _latest.UnixNanoseconds) _latest = latest;
    }

    /// <summary>
    /// Judges and reports every source still held. Only sources that may make a finding are sorted and reported
    /// (most hold one unremarkable contact); the table is then emptied at once rather than source by source.
    /// </summary>
    public void Complete(IFindingSink sink)
    {
        _pending.MoveTo(sink);
        _batch.Clear();
        foreach (var state in _sources)
        {
            JudgeSilence(state, _latest.UnixNanoseconds);
            if (ScanReporter.MayReport(state)) _batch.Add(state);
        }

        if (_batch.Count > 0)
        {
            SortBatchBySource();
            _reporter.Report(_batch, sink);
            _batch.Clear();
        }

        _sources.Clear();
        _contactsHeld = 0;
    }

    private void Flush(IFindingSink sink)
    {
        if (_batch.Count == 0) return;
        SortBatchBySource();
        _reporter.Report(_batch, sink);
        foreach (var state in _batch)
        {
            _sources.Remove(state.Source);
            _contactsHeld -= state.ContactCount;
            state.Release();
            _free.Push(state);
        }

        _batch.Clear();
    }

    private ScanSourceState Admit(HostAddress source, Timestamp time)
    {
        if (_sources.Count >= _options.MaxSources) Evict();
        var state = _free.Count > 0 ? _free.Pop() : new ScanSourceState(_contactArrays);
        state.Start(source, time);
        _sources.Add(state);
        return state;
    }

    /// <summary>
    /// Frees a sixteenth of the sources (or of the contacts, whichever bound was reached): sources without failed,
    /// refused or alerted contacts before those with, the longest idle first. Sources with nothing suspect are
    /// dropped (counted in <see cref="Evicted"/>): a busy client goes first. A suspect source is closed and reported
    /// with what it has done so far, never dropped silently; if it goes on, a new episode starts. Chosen by sorting
    /// packed keys, so a table of a million sources is cleared in a fraction of a second.
    /// </summary>
    private void Evict()
    {
        var count = _sources.Count;
        if (_evictionStates.Length < count)
        {
            // Kept between evictions: at a million sources these are 16 MB, which fresh each time would pile up as
            // large-object garbage faster than the collector returns it.
            _evictionStates = new ScanSourceState[Math.Max(count, _evictionStates.Length * 2)];
            _evictionKeys = new long[_evictionStates.Length];
        }

        var states = _evictionStates;
        var keys = _evictionKeys;
        var i = 0;
        foreach (var state in _sources)
        {
            states[i] = state;
            // Times below 2^62 ns (year 2116): the suspect bit sorts every suspect source after every other.
            keys[i] = (state.IsSuspect ? 1L << 62 : 0) | Math.Clamp(state.LastNanoseconds, 0, (1L << 62) - 1);
            i++;
        }

        Array.Sort(keys, states, 0, count);
        OrderTiesBySource(keys, states, count);
        var sourcesTarget = count - Math.Max(1, count / EvictionShareDivisor);
        var contactsTarget = _options.ScanMaxContacts - (_options.ScanMaxContacts / EvictionShareDivisor);
        _batch.Clear();
        for (var v = 0; v < count && (_sources.Count > sourcesTarget || _contactsHeld > contactsTarget); v++)
        {
            var victim = states[v];
            _sources.Remove(victim.Source);
            _contactsHeld -= victim.ContactCount;
            if (victim.IsSuspect)
            {
                JudgeSilence(victim, _latest.UnixNanoseconds);
                _batch.Add(victim);
                continue;
            }

            victim.Release();
            _free.Push(victim);
            _evicted++;
        }

        Array.Clear(states, 0, count);
        if (_batch.Count == 0) return;
        SortBatchBySource();
        _reporter.Report(_batch, _pending);
        foreach (var state in _batch)
        {
            state.Release();
            _free.Push(state);
        }

        _batch.Clear();
    }

    /// <summary>
    /// Sources idle since the same moment (logs stamp whole seconds) are chosen by address: which of them is evicted
    /// then depends on neither the table's slot order nor the sort's handling of equal keys.
    /// </summary>
    private static void OrderTiesBySource(long[] keys, ScanSourceState[] states, int count)
    {
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && keys[end] == keys[start]) end++;
            if (end - start > 1) states.AsSpan(start, end - start).Sort(static (a, b) => a.Source.CompareTo(b.Source));
            start = end;
        }
    }

    /// <summary>
    /// Orders the batch by source address, so findings do not depend on the table's order. Sorted on the addresses
    /// copied out beside the states: a comparison of two states would read both from memory, a hundred thousand
    /// times over at the end of a large capture. Sources are distinct, so the order is the same whichever sort.
    /// </summary>
    private void SortBatchBySource()
    {
        var count = _batch.Count;
        var addresses = ArrayPool<HostAddress>.Shared.Rent(count);
        var states = CollectionsMarshal.AsSpan(_batch);
        for (var i = 0; i < count; i++) addresses[i] = states[i].Source;
        addresses.AsSpan(0, count).Sort(states);
        ArrayPool<HostAddress>.Shared.Return(addresses);
    }

    /// <summary>Findings made between advances (sources closed early), held for the next sink.</summary>
    private sealed class PendingFindings : IFindingSink
    {
        private readonly List<Finding> _findings = [];

        public void Add(Finding finding) => _findings.Add(finding);

        public void MoveTo(IFindingSink sink)
        {
            foreach (var finding in _findings) sink.Add(finding);
            _findings.Clear();
        }
    }

    /// <summary>A packet to a source that answers one of its contacts: settles the contact. True when it was an answer.</summary>
    private bool Answer(ScanSourceState prober, in Observation o)
    {
        switch (o.Protocol)
        {
            case TransportProtocol.Tcp when o.Has(ObservationFields.SourcePort):
            {
                var index = prober.Find(new ScanContactKey(o.Source, o.SourcePort, TcpProtocol));
                if (index < 0) return false;
                prober.SawReplies = true;
                ref var contact = ref prober.At(index);
                if (!o.Has(ObservationFields.TcpFlags))
                {
                    prober.Settle(ref contact, success: true, _walk);
                    return true;
                }

                var flags = o.TcpFlags & ProbeFlags;
                if ((flags & TcpFlags.Rst) != 0)
                {
                    contact.RstSeen = true;
                    if (contact.Bucket == ScanBuckets.Of(ScanTechnique.Ack) && contact.Outcome == ScanContactOutcome.Pending)
                    {
                        prober.AckRsts++;
                        if (o.Has(ObservationFields.Window) && o.Window != 0) prober.AckRstsNonZeroWindow++;
                    }

                    if (o.Has(ObservationFields.Window) && o.Window != 0) contact.RstWindowNonZero = true;
                    prober.Settle(ref contact, success: false, _walk);
                }
                else
                {
                    if ((flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack)) contact.SynAckSeen = true;
                    prober.Settle(ref contact, success: true, _walk);
                }

                return true;
            }

            case TransportProtocol.Udp when o.Has(ObservationFields.SourcePort):
            {
                var index = prober.Find(new ScanContactKey(o.Source, o.SourcePort, UdpProtocol));
                if (index < 0) return false;
                prober.SawReplies = true;
                prober.Settle(ref prober.At(index), success: true, _walk);
                return true;
            }

            case TransportProtocol.Icmp when o.Has(ObservationFields.IcmpType):
                return AnswerIcmp(prober, in o);

            default:
                return false;
        }
    }

    private bool AnswerIcmp(ScanSourceState prober, in Observation o)
    {
        byte request = o.IcmpType switch
        {
            IcmpEchoReply => IcmpEchoRequest,
            IcmpTimestampReply => IcmpTimestampRequest,
            IcmpMaskReply => IcmpMaskRequest,
            _ => 0,
        };
        if (request != 0)
        {
            var index = prober.Find(new ScanContactKey(o.Source, request, IcmpProtocol));
            if (index < 0) return false;
            prober.SawReplies = true;
            prober.Settle(ref prober.At(index), success: true, _walk);
            return true;
        }

        if (o.IcmpType != IcmpUnreachable || !o.Has(ObservationFields.Quoted)) return false;
        var quoted = o.Quoted;
        if (!quoted.Has(QuotedFields.Addresses) || quoted.Source != prober.Source) return false;
        var port = quoted.Has(QuotedFields.Ports) || quoted.Has(QuotedFields.DestinationPort) ? quoted.DestinationPort : (ushort)0;
        var protocol = quoted.Has(QuotedFields.IpProtocol) ? quoted.IpProtocol : (byte)0;
        var found = prober.Find(new ScanContactKey(quoted.Destination, port, protocol));
        if (found < 0) found = prober.Find(new ScanContactKey(quoted.Destination, 0, protocol));
        prober.SawReplies = true;
        if (found >= 0) prober.Settle(ref prober.At(found), success: false, _walk);
        return true;
    }

    /// <summary>
    /// What the packet probes: the contact and the bucket (technique), or <see cref="byte.MaxValue"/> for a packet
    /// that continues a contact (ACK-bearing TCP). False for packets that probe nothing (answers, errors, fragments).
    /// </summary>
    private bool Classify(in Observation o, out ScanContactKey key, out byte bucket)
    {
        key = default;
        bucket = 0;
        var port = o.Has(ObservationFields.DestinationPort) ? o.DestinationPort : (ushort)0;
        switch (o.Protocol)
        {
            case TransportProtocol.Tcp:
                key = new ScanContactKey(o.Destination, port, TcpProtocol);
                if (!o.Has(ObservationFields.TcpFlags))
                {
                    bucket = MessageTechnique(in o, out var named, out _) ? ScanBuckets.Of(named) : ScanBuckets.TcpUnknownFlags;
                    return true;
                }

                return ClassifyTcp(in o, ref bucket);

            case TransportProtocol.Udp:
                key = new ScanContactKey(o.Destination, port, UdpProtocol);
                bucket = ScanBuckets.Of(ScanTechnique.Udp);
                return true;

            case TransportProtocol.Icmp when o.Has(ObservationFields.IcmpType):
                var technique = o.IcmpType switch
                {
                    IcmpEchoRequest => ScanTechnique.IcmpEcho,
                    IcmpTimestampRequest => ScanTechnique.IcmpTimestamp,
                    IcmpMaskRequest => ScanTechnique.IcmpAddressMask,
                    _ => ScanTechnique.Mixed,
                };
                if (technique == ScanTechnique.Mixed) return false;
                key = new ScanContactKey(o.Destination, o.IcmpType, IcmpProtocol);
                bucket = ScanBuckets.Of(technique);
                return true;

            case TransportProtocol.Ip when o.Has(ObservationFields.IpProtocol):
                key = new ScanContactKey(o.Destination, 0, o.IpProtocol);
                bucket = ScanBuckets.Of(ScanTechnique.IpProtocol);
                return true;

            case TransportProtocol.None:
                // A record that names only the alert (a Snort header without its packet line): the message says the technique.
                if (!MessageTechnique(in o, out var fromMessage, out var protocol)) return false;
                key = new ScanContactKey(o.Destination, port, protocol == FindingProtocol.Udp ? UdpProtocol : TcpProtocol);
                bucket = ScanBuckets.Of(fromMessage);
                return true;

            default:
                return false;
        }
    }

    private static bool ClassifyTcp(in Observation o, ref byte bucket)
    {
        var flags = o.TcpFlags & ProbeFlags;
        var payload = o.Has(ObservationFields.PayloadLength) ? o.PayloadLength : 0;
        const TcpFlags synFin = TcpFlags.Syn | TcpFlags.Fin;
        const TcpFlags finRstPsh = TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Psh;
        const TcpFlags xmas = TcpFlags.Fin | TcpFlags.Psh | TcpFlags.Urg;
        const TcpFlags maimon = TcpFlags.Fin | TcpFlags.Ack;

        if (flags == finRstPsh)
        {
            bucket = ScanBuckets.Of(ScanTechnique.FinRstPsh);
            return true;
        }

        if ((flags & TcpFlags.Rst) != 0 || (flags & TcpFlags.Ack) != 0)
        {
            // Bare ACK and FIN+ACK open nothing: as first contacts they are ACK and Maimon probes; any other
            // ACK- or RST-bearing packet belongs to a connection (or answers one).
            var probe = payload == 0 && (flags == TcpFlags.Ack || flags == maimon);
            bucket = byte.MaxValue;
            if (probe) bucket = ScanBuckets.Of(flags == TcpFlags.Ack ? ScanTechnique.Ack : ScanTechnique.Maimon);
            else if ((flags & TcpFlags.Syn) != 0 && (flags & TcpFlags.Ack) != 0) return false;
            return true;
        }

        var technique = flags switch
        {
            TcpFlags.Syn => ScanTechnique.Syn,
            TcpFlags.None => ScanTechnique.Null,
            TcpFlags.Fin => ScanTechnique.Fin,
            xmas => ScanTechnique.Xmas,
            _ when (flags & synFin) == synFin => ScanTechnique.SynFin,
            _ => ScanTechnique.OtherFlags,
        };
        bucket = ScanBuckets.Of(technique);
        return true;
    }

    /// <summary>
    /// A bare ACK or FIN+ACK to a pair the source opened another way (a SYN) completes or closes that connection; it
    /// probes nothing. <paramref name="index"/> is the pair's newest contact, the one it continues.
    /// </summary>
    private static bool IsConnectionAck(ScanSourceState state, ScanContactKey key, byte bucket, out int index)
    {
        index = -1;
        if (bucket != ScanBuckets.Of(ScanTechnique.Ack) && bucket != ScanBuckets.Of(ScanTechnique.Maimon)) return false;
        index = state.Find(key);
        if (index < 0) return false;
        var opened = state.At(index).Bucket;
        return opened != ScanBuckets.Of(ScanTechnique.Ack) && opened != ScanBuckets.Of(ScanTechnique.Maimon);
    }

    /// <summary>An ACK-bearing packet of a source continues contact <paramref name="index"/> (handshake completion, teardown), if there is one.</summary>
    private static void Continue(ScanSourceState state, int index, in Observation o)
    {
        if (index < 0) return;
        ref var contact = ref state.At(index);
        var flags = o.TcpFlags & ProbeFlags;
        if ((flags & TcpFlags.Rst) != 0) contact.SourceReset = true;
        else if (flags == TcpFlags.Ack && contact.Bucket == ScanBuckets.Of(ScanTechnique.Syn)) contact.SourceAcked = true;
    }

    private bool MessageTechnique(in Observation o, out ScanTechnique technique, out FindingProtocol protocol)
    {
        technique = default;
        protocol = default;
        if (!o.Has(ObservationFields.Message)) return false;
        if (!_messages.TryGetValue(o.MessageId, out var entry))
        {
            var known = ScanAlertNames.TryGet(HostTokenTable.Text(o.MessageId), out var t, out var p);
            entry = (known, t, p);
            _messages.Add(o.MessageId, entry);
        }

        technique = entry.Technique;
        protocol = entry.Protocol;
        return entry.Known;
    }

    /// <summary>
    /// A firewall that denied, dropped or rejected the probe (or a host that logged it as refused, BSD
    /// securityalert) has told us the contact failed. An IDS alert has not: the sensor watches successful
    /// contacts as well as failed ones, so alert-only logs are judged by counts.
    /// </summary>
    private static bool IsRefusal(in Observation o) =>
        o.Has(ObservationFields.Verdict) && o.Verdict is SensorVerdict.Deny or SensorVerdict.Drop or SensorVerdict.Reject;

    /// <summary>Unanswered first contacts older than the reply timeout fail, once the capture has shown this source any answer.</summary>
    private void JudgeSilence(ScanSourceState state, long now)
    {
        if (!state.SawReplies) return;
        var count = state.ContactCount;
        var i = state.SilenceCursor;
        for (; i < count; i++)
        {
            ref var contact = ref state.At(i);
            if (contact.First.UnixNanoseconds + _replyTimeout > now) break;
            if (contact.Outcome != ScanContactOutcome.Pending) continue;
            contact.Silent = true;
            state.Settle(ref contact, success: false, _walk);
        }

        state.SilenceCursor = i;
    }
}
