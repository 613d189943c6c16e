using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// Undoes tcpdump's relative sequence numbers. Without <c>-S</c>, tcpdump (print-tcp.c, 3.x and 4.x alike)
/// prints a packet that has ACK set relative to the first ACK-bearing packet it saw of that conversation (or the
/// latest SYN-ACK): that packet is printed absolute and becomes the base, its sender's space at its sequence
/// number and the other side's at its acknowledgement minus one. This table replays that bookkeeping so
/// observations carry raw numbers, as a capture would. A number that cannot be made raw is left out, never
/// guessed: an ACK packet of a conversation whose base the input does not show, when its numbers are small
/// (a trace cut mid-conversation prints "ack 88", which is relative).
/// </summary>
internal sealed class TcpdumpSequenceTable
{
    /// <summary>Conversations remembered per input; beyond this the table starts over (tcpdump's own table is unbounded).</summary>
    public const int MaxConversations = 65_536;

    // A first-seen ACK packet whose printed numbers are all below this was printed relative to a base the input
    // does not hold. A real initial sequence number is this small once in 65,536 conversations.
    private const uint RelativeLooking = 65_536;

    private readonly Dictionary<TcpdumpConversationKey, TcpdumpConversationBase> _bases = new(1024);

    /// <summary>Times the table was full and started over.</summary>
    public long Resets { get; private set; }

    /// <summary>
    /// Makes the observation's sequence and acknowledgement raw, or removes them when they cannot be.
    /// <paramref name="raw"/> says which of the two came from packet bytes (raw already); <paramref name="synKnown"/>
    /// is false when the line's flags could not be read (then the base is neither trusted nor updated).
    /// </summary>
    public void Resolve(ref Observation o, ObservationFields raw, bool synKnown)
    {
        if (o.Protocol != TransportProtocol.Tcp || !o.Has(ObservationFields.Ports) || !o.Has(ObservationFields.Acknowledgement)) return;
        var hasSeq = o.Has(ObservationFields.Sequence);
        var seqRaw = (raw & ObservationFields.Sequence) != 0;
        var ackRaw = (raw & ObservationFields.Acknowledgement) != 0;
        if (!synKnown)
        {
            if (!seqRaw) o.Fields &= ~ObservationFields.Sequence;
            if (!ackRaw) o.Fields &= ~ObservationFields.Acknowledgement;
            return;
        }

        var key = TcpdumpConversationKey.Of(o.Source, o.SourcePort, o.Destination, o.DestinationPort, out var senderIsFirst);
        var syn = o.Has(ObservationFields.TcpFlags) && (o.TcpFlags & TcpFlags.Syn) != 0;
        if (!_bases.TryGetValue(key, out var bases) || syn)
        {
            // tcpdump printed this packet absolute and took its bases from it, unless the trace was cut and
            // tcpdump had seen the conversation's start before the first line we have.
            var looksRelative = !seqRaw && !ackRaw && !syn && o.Acknowledgement < RelativeLooking && (!hasSeq || o.Sequence < RelativeLooking);
            if (looksRelative)
            {
                o.Fields &= ~(ObservationFields.Sequence | ObservationFields.Acknowledgement);
                return;
            }

            Remember(key, TcpdumpConversationBase.From(o.Sequence, hasSeq, o.Acknowledgement, senderIsFirst));
            return;
        }

        if (hasSeq && !seqRaw)
        {
            if (bases.TryGet(senderIsFirst, out var senderBase)) o.Sequence = MakeRaw(o.Sequence, senderBase);
            else o.Fields &= ~ObservationFields.Sequence;
        }

        if (!ackRaw)
        {
            if (bases.TryGet(!senderIsFirst, out var receiverBase)) o.Acknowledgement = MakeRaw(o.Acknowledgement, receiverBase);
            else o.Fields &= ~ObservationFields.Acknowledgement;
        }
    }

    // A trace printed with -S shows absolute numbers throughout: a number already close above the base is
    // absolute, a small one is relative to it.
    private static uint MakeRaw(uint printed, uint bases) => unchecked(printed - bases) < printed ? printed : unchecked(printed + bases);

    private void Remember(TcpdumpConversationKey key, TcpdumpConversationBase bases)
    {
        if (_bases.Count >= MaxConversations && !_bases.ContainsKey(key))
        {
            _bases.Clear();
            Resets++;
        }

        _bases[key] = bases;
    }
}
