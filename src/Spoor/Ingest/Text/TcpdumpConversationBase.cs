namespace Spoor.Ingest.Text;

/// <summary>
/// The numbers tcpdump subtracts for one conversation: the base of each endpoint's sequence space, and whether
/// the line that set them showed it (a line without a sequence range leaves its sender's base unknown).
/// </summary>
internal readonly record struct TcpdumpConversationBase(uint FirstBase, uint SecondBase, bool FirstKnown, bool SecondKnown)
{
    /// <summary>Bases from an absolute line: the sender's space at its sequence number, the receiver's at its acknowledgement − 1.</summary>
    public static TcpdumpConversationBase From(uint sequence, bool sequenceKnown, uint acknowledgement, bool senderIsFirst)
    {
        var receiverBase = unchecked(acknowledgement - 1);
        return senderIsFirst
            ? new TcpdumpConversationBase(sequence, receiverBase, sequenceKnown, true)
            : new TcpdumpConversationBase(receiverBase, sequence, true, sequenceKnown);
    }

    /// <summary>The base of the first (or second) endpoint's space, when known.</summary>
    public bool TryGet(bool first, out uint value)
    {
        value = first ? FirstBase : SecondBase;
        return first ? FirstKnown : SecondKnown;
    }
}
