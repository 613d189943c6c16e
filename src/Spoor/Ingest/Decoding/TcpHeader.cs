using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Decoding;

/// <summary>
/// TCP (RFC 9293) with the options that fingerprint stacks and tools: MSS (2), window scale (3, RFC 7323),
/// SACK-permitted (4, RFC 2018), timestamps (8, RFC 7323). Option kinds are kept in order up to EOL.
/// The fixed 20 bytes make the TCP fields; options cut short are reported and the fixed fields kept.
/// The payload's first bytes are kept when the whole header is there (a bad option still leaves the data
/// offset, so the payload's start, known).
/// </summary>
internal static class TcpHeader
{
    public const int MinimumLength = 20;
    public const int SourcePortOffset = 0;
    public const int DestinationPortOffset = 2;
    public const int SequenceOffset = 4;
    public const int AcknowledgementOffset = 8;
    public const int DataOffsetAndFlagsOffset = 12;
    public const int WindowOffset = 14;
    public const int UrgentPointerOffset = 18;
    public const ushort FlagBitsMask = 0x0FFF;

    private const byte OptionEnd = 0;
    private const byte OptionNoOperation = 1;
    private const byte OptionMss = 2;
    private const byte OptionWindowScale = 3;
    private const byte OptionSackPermitted = 4;
    private const byte OptionTimestamps = 8;

    public static DecodeOutcome Decode(ReadOnlySpan<byte> segment, int offset, int declaredLength, bool truncated, ref Observation observation)
    {
        if (segment.Length < MinimumLength)
        {
            return Truncation.Short(truncated, DecodeProblem.TcpHeaderTruncated, offset, MinimumLength, segment.Length);
        }

        observation.Protocol = TransportProtocol.Tcp;
        observation.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment[SourcePortOffset..]);
        observation.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[DestinationPortOffset..]);
        observation.Sequence = BinaryPrimitives.ReadUInt32BigEndian(segment[SequenceOffset..]);
        observation.Acknowledgement = BinaryPrimitives.ReadUInt32BigEndian(segment[AcknowledgementOffset..]);
        var word = BinaryPrimitives.ReadUInt16BigEndian(segment[DataOffsetAndFlagsOffset..]);
        var headerLength = (word >> 12) * 4;
        observation.TcpFlags = (TcpFlags)(word & FlagBitsMask);
        observation.TcpHeaderLength = (byte)headerLength;
        observation.Window = BinaryPrimitives.ReadUInt16BigEndian(segment[WindowOffset..]);
        observation.UrgentPointer = BinaryPrimitives.ReadUInt16BigEndian(segment[UrgentPointerOffset..]);
        observation.Set(ObservationFields.Ports | ObservationFields.TcpFlags | ObservationFields.Sequence | ObservationFields.Acknowledgement
            | ObservationFields.Window | ObservationFields.UrgentPointer | ObservationFields.TcpHeaderLength);

        if (headerLength < MinimumLength)
        {
            return DecodeOutcome.At(DecodeProblem.TcpHeaderLengthInvalid, offset + DataOffsetAndFlagsOffset, MinimumLength, headerLength);
        }

        if (declaredLength != TransportLength.Unknown)
        {
            observation.PayloadLength = Math.Max(declaredLength - headerLength, 0);
            observation.Set(ObservationFields.PayloadLength);
        }

        if (segment.Length < headerLength)
        {
            return Truncation.Short(truncated, DecodeProblem.TcpOptionsTruncated, offset, headerLength, segment.Length);
        }

        // The segment ends where the IP packet does, so Ethernet padding never reads as payload.
        observation.SetPayloadHead(segment[headerLength..]);
        if (headerLength == MinimumLength) return DecodeOutcome.Ok;
        return ReadOptions(segment[MinimumLength..headerLength], offset + MinimumLength, ref observation);
    }

    /// <summary>Reads TCP options (the bytes after the fixed header) into the observation; also used for options a log prints as hex.</summary>
    internal static DecodeOutcome ReadOptions(ReadOnlySpan<byte> options, int offset, ref Observation observation)
    {
        observation.Set(ObservationFields.TcpOptions);
        ushort mss = 0;
        byte windowScale = 0;
        uint timestampValue = 0, timestampEcho = 0;
        var outcome = DecodeOutcome.Ok;
        var i = 0;
        while (i < options.Length)
        {
            var kind = options[i];
            if (kind is OptionEnd or OptionNoOperation)
            {
                observation.TcpOptionList.Add(kind);
                if (kind == OptionEnd) break;
                i++;
                continue;
            }

            // An option whose length does not fit is reported and not listed, as for IPv4 options.
            var length = i + 1 < options.Length ? options[i + 1] : 0;
            if (length < 2 || i + length > options.Length)
            {
                outcome = DecodeOutcome.At(DecodeProblem.TcpOptionMalformed, offset + i, 0, length);
                break;
            }

            observation.TcpOptionList.Add(kind);

            var value = options.Slice(i + 2, length - 2);
            switch (kind)
            {
                case OptionMss when value.Length == 2:
                    mss = BinaryPrimitives.ReadUInt16BigEndian(value);
                    observation.Set(ObservationFields.Mss);
                    break;
                case OptionWindowScale when value.Length == 1:
                    windowScale = value[0];
                    observation.Set(ObservationFields.WindowScale);
                    break;
                case OptionSackPermitted when value.Length == 0:
                    observation.Set(ObservationFields.SackPermitted);
                    break;
                case OptionTimestamps when value.Length == 8:
                    timestampValue = BinaryPrimitives.ReadUInt32BigEndian(value);
                    timestampEcho = BinaryPrimitives.ReadUInt32BigEndian(value[4..]);
                    observation.Set(ObservationFields.Timestamps);
                    break;
            }

            i += length;
        }

        observation.TcpOptions = new TcpOptionValues(mss, windowScale, timestampValue, timestampEcho);
        return outcome;
    }
}
