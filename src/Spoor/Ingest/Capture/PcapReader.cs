using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Capture;

/// <summary>
/// Reads classic libpcap files (draft-ietf-opsawg-pcap): either byte order, microsecond (0xA1B2C3D4) and
/// nanosecond (0xA1B23C4D) magic, and the old Kuznetzov variant (0xA1B2CD34) with its longer record
/// header. Snaplen truncation is normal and not a problem; a record whose length field is impossible, or
/// one cut short by the end of the file, is a located failure, and reading stops there because record
/// boundaries can no longer be trusted.
/// </summary>
public sealed class PcapReader : ICaptureReader
{
    public const uint MagicMicroseconds = 0xA1B2C3D4;
    public const uint MagicNanoseconds = 0xA1B23C4D;
    public const uint MagicKuznetzov = 0xA1B2CD34;

    private const int FileHeaderLength = 24;
    private const int SnapLengthOffset = 16;
    private const int LinkTypeOffset = 20;
    private const int RecordHeaderLength = 16;
    private const int KuznetzovExtraLength = 8;
    private const int TimestampFractionOffset = 4;
    private const int IncludedLengthOffset = 8;
    private const int OriginalLengthOffset = 12;

    private readonly StreamWindow _window;
    private readonly InputAccounting _accounting;
    private readonly bool _bigEndian;
    private readonly bool _nanoseconds;
    private readonly int _recordHeaderLength;
    private readonly ushort _linkType;
    private readonly uint _snapLength;
    private long _frameNumber;
    private bool _stopped;

    public PcapReader(StreamWindow window, InputAccounting accounting)
    {
        _window = window;
        _accounting = accounting;
        if (!window.Ensure(FileHeaderLength))
        {
            _accounting.Report(new IngestProblem(accounting.Input, null, 0, $"pcap file header is {window.Available} bytes, expected {FileHeaderLength}"));
            _stopped = true;
            return;
        }

        var header = window.Peek(FileHeaderLength);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var swapped = BinaryPrimitives.ReverseEndianness(magic);
        _bigEndian = magic is not (MagicMicroseconds or MagicNanoseconds or MagicKuznetzov);
        var nativeMagic = _bigEndian ? swapped : magic;
        _nanoseconds = nativeMagic == MagicNanoseconds;
        _recordHeaderLength = nativeMagic == MagicKuznetzov ? RecordHeaderLength + KuznetzovExtraLength : RecordHeaderLength;
        _snapLength = ReadUInt32(header[SnapLengthOffset..]);
        // The upper 16 bits of the link-type word carry FCS length flags (pcap draft §4); the type is the low 16.
        _linkType = (ushort)ReadUInt32(header[LinkTypeOffset..]);
        window.Advance(FileHeaderLength);

        if (!LinkTypes.IsSupported(_linkType))
        {
            _accounting.AddNote($"link type {_linkType} is not supported: its frames are counted as skipped");
        }
    }

    public string Format => "pcap";

    public static bool IsMagic(ReadOnlySpan<byte> first4)
    {
        if (first4.Length < 4) return false;
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(first4);
        var swapped = BinaryPrimitives.ReverseEndianness(magic);
        return magic is MagicMicroseconds or MagicNanoseconds or MagicKuznetzov
            || swapped is MagicMicroseconds or MagicNanoseconds or MagicKuznetzov;
    }

    public bool TryReadFrame(out CapturedFrame frame)
    {
        frame = default;
        if (_stopped) return false;

        var offset = _window.Position;
        if (!_window.Ensure(_recordHeaderLength))
        {
            if (_window.Available > 0)
            {
                Fail(offset, $"file ends inside a record header: {_window.Available} of {_recordHeaderLength} bytes");
            }

            _stopped = true;
            return false;
        }

        var header = _window.Peek(_recordHeaderLength);
        var seconds = ReadUInt32(header);
        var fraction = ReadUInt32(header[TimestampFractionOffset..]);
        var included = ReadUInt32(header[IncludedLengthOffset..]);
        var original = ReadUInt32(header[OriginalLengthOffset..]);

        if (included > StreamWindow.MaxRecordBytes)
        {
            Fail(offset, $"record claims {included} captured bytes (snaplen {_snapLength}); the file is corrupt from here");
            _stopped = true;
            return false;
        }

        if (!_window.Ensure(_recordHeaderLength + (int)included))
        {
            Fail(offset, $"file ends inside a record: {_window.Available - _recordHeaderLength} of {included} captured bytes present");
            _stopped = true;
            return false;
        }

        _frameNumber++;
        var time = _nanoseconds ? Timestamp.FromUnixNanoseconds(seconds, fraction) : Timestamp.FromUnixMicroseconds(seconds, fraction);
        var data = _window.Peek(_recordHeaderLength + (int)included)[_recordHeaderLength..];
        _window.Advance(_recordHeaderLength + (int)included);
        _accounting.BytesRead = _window.Position;
        var originalLength = original > int.MaxValue ? int.MaxValue : (int)original;
        frame = new CapturedFrame(_frameNumber, time, _linkType, 0, false, originalLength, offset, data);
        return true;
    }

    private void Fail(long offset, string message) =>
        _accounting.CountFailed(new IngestProblem(_accounting.Input, EvidenceRef.Frame(_accounting.Input, _frameNumber + 1), offset, message));

    private uint ReadUInt32(ReadOnlySpan<byte> span) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);

    public void Dispose() => _window.Dispose();
}
