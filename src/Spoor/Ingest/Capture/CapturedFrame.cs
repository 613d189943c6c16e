using Spoor.Evidence;

namespace Spoor.Ingest.Capture;

/// <summary>One frame as a capture file holds it: header facts and the captured bytes, valid until the next read.</summary>
public readonly ref struct CapturedFrame
{
    public CapturedFrame(long number, Timestamp time, ushort linkType, uint interfaceId, bool hasInterface, int originalLength, long byteOffset, ReadOnlySpan<byte> data, bool hasTime = true)
    {
        HasTime = hasTime;
        Number = number;
        Time = time;
        LinkType = linkType;
        InterfaceId = interfaceId;
        HasInterface = hasInterface;
        OriginalLength = originalLength;
        ByteOffset = byteOffset;
        Data = data;
    }

    /// <summary>Frame number from 1, counting every packet record of the file.</summary>
    public long Number { get; }

    public Timestamp Time { get; }

    /// <summary>False for pcapng simple packet blocks, which carry no timestamp.</summary>
    public bool HasTime { get; }

    public ushort LinkType { get; }

    public uint InterfaceId { get; }

    /// <summary>True for pcapng, where frames name their interface.</summary>
    public bool HasInterface { get; }

    public int OriginalLength { get; }

    /// <summary>Offset of the record in the (decompressed) input, for problem locations.</summary>
    public long ByteOffset { get; }

    public ReadOnlySpan<byte> Data { get; }
}
