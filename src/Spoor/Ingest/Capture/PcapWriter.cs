using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Capture;

/// <summary>
/// Writes a classic little-endian pcap file (microsecond or nanosecond magic). Used to make synthetic
/// captures for benchmarks and tests, and for future evidence extraction.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    private const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    private readonly Stream _output;
    private readonly bool _nanoseconds;
    private readonly byte[] _header = new byte[RecordHeaderLength];

    public PcapWriter(Stream output, ushort linkType, bool nanoseconds = false, uint snapLength = 262144)
    {
        _output = output;
        _nanoseconds = nanoseconds;
        Span<byte> header = stackalloc byte[FileHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, nanoseconds ? PcapReader.MagicNanoseconds : PcapReader.MagicMicroseconds);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], linkType);
        output.Write(header);
    }

    /// <summary>Writes one record; <paramref name="originalLength"/> defaults to the data's length (not truncated).</summary>
    public void Write(Timestamp time, ReadOnlySpan<byte> data, int originalLength = -1)
    {
        var fraction = _nanoseconds ? time.NanosecondOfSecond : time.NanosecondOfSecond / 1000;
        BinaryPrimitives.WriteUInt32LittleEndian(_header, (uint)time.UnixSeconds);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), (uint)fraction);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(8), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(12), (uint)(originalLength < 0 ? data.Length : originalLength));
        _output.Write(_header);
        _output.Write(data);
    }

    public void Dispose() => _output.Flush();
}
