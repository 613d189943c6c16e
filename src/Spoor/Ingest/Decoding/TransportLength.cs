namespace Spoor.Ingest.Decoding;

/// <summary>The transport length the IP header states, passed to transport decoders; unknown for first fragments.</summary>
internal static class TransportLength
{
    /// <summary>The datagram continues in later fragments, so this packet cannot say how long the transport payload is.</summary>
    public const int Unknown = -1;
}
