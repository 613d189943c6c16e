using System.Buffers.Binary;
using Spoor.Evidence;

namespace Spoor.Ingest.Capture;

/// <summary>
/// Reads pcapng (draft-ietf-opsawg-pcapng): sections in either byte order, any number of interfaces each
/// with its own link type and <c>if_tsresol</c>/<c>if_tsoffset</c>, Enhanced, Simple and obsolete Packet
/// Blocks. Other blocks are skipped and counted by type. A block whose length is impossible or that the
/// file cuts short is a located failure and ends reading; a packet naming an undeclared interface is a
/// located failure and reading goes on.
/// </summary>
public sealed class PcapNgReader : ICaptureReader
{
    public const uint SectionHeaderBlockType = 0x0A0D0D0A;
    public const uint ByteOrderMagic = 0x1A2B3C4D;

    private const uint InterfaceDescriptionBlockType = 0x00000001;
    private const uint ObsoletePacketBlockType = 0x00000002;
    private const uint SimplePacketBlockType = 0x00000003;
    private const uint NameResolutionBlockType = 0x00000004;
    private const uint InterfaceStatisticsBlockType = 0x00000005;
    private const uint EnhancedPacketBlockType = 0x00000006;
    private const uint DecryptionSecretsBlockType = 0x0000000A;

    private const int BlockHeaderLength = 8;
    private const int BlockTrailerLength = 4;
    private const int MinimumBlockLength = BlockHeaderLength + BlockTrailerLength;
    private const int ByteOrderMagicOffset = 8;

    // Interface Description Block body: link type (2), reserved (2), snap length (4), options.
    private const int IdbFixedLength = 8;
    private const ushort OptionEnd = 0;
    private const ushort OptionTimestampResolution = 9;
    private const ushort OptionTimestampOffset = 14;

    // Enhanced Packet Block body: interface (4), timestamp high (4), low (4), captured (4), original (4), data.
    private const int EpbFixedLength = 20;

    // Obsolete Packet Block body: interface (2), drops (2), timestamp high (4), low (4), captured (4), original (4), data.
    private const int PbFixedLength = 20;

    // Simple Packet Block body: original length (4), data.
    private const int SpbFixedLength = 4;

    private readonly StreamWindow _window;
    private readonly InputAccounting _accounting;
    private readonly List<PcapNgInterface> _interfaces = [];
    private bool _bigEndian;
    private bool _stopped;
    private long _frameNumber;

    public PcapNgReader(StreamWindow window, InputAccounting accounting)
    {
        _window = window;
        _accounting = accounting;
    }

    public string Format => "pcapng";

    public static bool IsMagic(ReadOnlySpan<byte> first4) =>
        first4.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(first4) == SectionHeaderBlockType;

    public bool TryReadFrame(out CapturedFrame frame)
    {
        frame = default;
        while (!_stopped)
        {
            var offset = _window.Position;
            if (!_window.Ensure(BlockHeaderLength))
            {
                if (_window.Available > 0) FailBlock(0, offset, $"file ends inside a block header: {_window.Available} of {BlockHeaderLength} bytes");
                _stopped = true;
                return false;
            }

            var type = ReadUInt32(_window.Peek(4));
            if (type == SectionHeaderBlockType && !ReadSectionByteOrder(offset))
            {
                _stopped = true;
                return false;
            }

            var length = ReadUInt32(_window.Peek(BlockHeaderLength)[4..]);
            if (length < MinimumBlockLength || length % 4 != 0 || length > StreamWindow.MaxRecordBytes)
            {
                FailBlock(type, offset, $"block of type 0x{type:X8} has impossible length {length}; the file is corrupt from here");
                _stopped = true;
                return false;
            }

            if (!_window.Ensure((int)length))
            {
                FailBlock(type, offset, $"file ends inside a block of type 0x{type:X8}: {_window.Available} of {length} bytes present");
                _stopped = true;
                return false;
            }

            var block = _window.Peek((int)length);
            var trailer = ReadUInt32(block[^BlockTrailerLength..]);
            if (trailer != length)
            {
                _accounting.Report(new IngestProblem(_accounting.Input, null, offset,
                    $"block of type 0x{type:X8} ends with length {trailer}, begins with {length}; trusting the leading length"));
            }

            var body = block[BlockHeaderLength..^BlockTrailerLength];
            _window.Advance((int)length);
            _accounting.BytesRead = _window.Position;

            switch (type)
            {
                case SectionHeaderBlockType:
                    _interfaces.Clear();
                    break;
                case InterfaceDescriptionBlockType:
                    ReadInterface(body, offset);
                    break;
                case EnhancedPacketBlockType:
                    if (TryReadEnhancedPacket(body, offset, out frame)) return true;
                    break;
                case SimplePacketBlockType:
                    if (TryReadSimplePacket(body, offset, out frame)) return true;
                    break;
                case ObsoletePacketBlockType:
                    if (TryReadObsoletePacket(body, offset, out frame)) return true;
                    break;
                case NameResolutionBlockType:
                    _accounting.CountIgnoredBlock("name resolution block");
                    break;
                case InterfaceStatisticsBlockType:
                    _accounting.CountIgnoredBlock("interface statistics block");
                    break;
                case DecryptionSecretsBlockType:
                    _accounting.CountIgnoredBlock("decryption secrets block");
                    break;
                default:
                    _accounting.CountIgnoredBlock($"unknown block type 0x{type:X8}");
                    break;
            }
        }

        return false;
    }

    private bool ReadSectionByteOrder(long offset)
    {
        if (!_window.Ensure(ByteOrderMagicOffset + 4))
        {
            FailBlock(SectionHeaderBlockType, offset, "file ends inside a section header block");
            return false;
        }

        var magicBytes = _window.Peek(ByteOrderMagicOffset + 4)[ByteOrderMagicOffset..];
        if (BinaryPrimitives.ReadUInt32LittleEndian(magicBytes) == ByteOrderMagic)
        {
            _bigEndian = false;
        }
        else if (BinaryPrimitives.ReadUInt32BigEndian(magicBytes) == ByteOrderMagic)
        {
            _bigEndian = true;
        }
        else
        {
            FailBlock(SectionHeaderBlockType, offset, $"section header block has byte-order magic 0x{BinaryPrimitives.ReadUInt32BigEndian(magicBytes):X8}, expected 0x1A2B3C4D");
            return false;
        }

        return true;
    }

    private void ReadInterface(ReadOnlySpan<byte> body, long offset)
    {
        if (body.Length < IdbFixedLength)
        {
            _accounting.Report(new IngestProblem(_accounting.Input, null, offset, $"interface description block body is {body.Length} bytes, expected at least {IdbFixedLength}"));
            _interfaces.Add(PcapNgInterface.Create(ushort.MaxValue, 0));
            return;
        }

        var linkType = ReadUInt16(body);
        var snapLength = ReadUInt32(body[4..]);
        var description = PcapNgInterface.Create(linkType, snapLength);
        var options = body[IdbFixedLength..];
        while (options.Length >= 4)
        {
            var code = ReadUInt16(options);
            var valueLength = ReadUInt16(options[2..]);
            if (code == OptionEnd) break;
            var padded = (valueLength + 3) & ~3;
            if (4 + padded > options.Length)
            {
                _accounting.Report(new IngestProblem(_accounting.Input, null, offset, $"interface {_interfaces.Count}: option {code} runs past the end of its block"));
                break;
            }

            var value = options.Slice(4, valueLength);
            if (code == OptionTimestampResolution && valueLength >= 1)
            {
                description = description with { ResolutionExponent = (byte)(value[0] & 0x7F), BinaryResolution = (value[0] & 0x80) != 0 };
            }
            else if (code == OptionTimestampOffset && valueLength >= 8)
            {
                description = description with { OffsetSeconds = _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value) };
            }

            options = options[(4 + padded)..];
        }

        if (!LinkTypes.IsSupported(linkType))
        {
            _accounting.AddNote($"interface {_interfaces.Count} has link type {linkType}, which is not supported: its frames are counted as skipped");
        }

        _interfaces.Add(description);
    }

    private bool TryReadEnhancedPacket(ReadOnlySpan<byte> body, long offset, out CapturedFrame frame)
    {
        frame = default;
        _frameNumber++;
        if (body.Length < EpbFixedLength)
        {
            Fail(offset, $"enhanced packet block body is {body.Length} bytes, expected at least {EpbFixedLength}");
            return false;
        }

        var interfaceId = ReadUInt32(body);
        var ticks = ((ulong)ReadUInt32(body[4..]) << 32) | ReadUInt32(body[8..]);
        var captured = ReadUInt32(body[12..]);
        var original = ReadUInt32(body[16..]);
        return TryMakeFrame(interfaceId, ticks, captured, original, body[EpbFixedLength..], offset, out frame);
    }

    private bool TryReadObsoletePacket(ReadOnlySpan<byte> body, long offset, out CapturedFrame frame)
    {
        frame = default;
        _frameNumber++;
        if (body.Length < PbFixedLength)
        {
            Fail(offset, $"packet block body is {body.Length} bytes, expected at least {PbFixedLength}");
            return false;
        }

        var interfaceId = ReadUInt16(body);
        var ticks = ((ulong)ReadUInt32(body[4..]) << 32) | ReadUInt32(body[8..]);
        var captured = ReadUInt32(body[12..]);
        var original = ReadUInt32(body[16..]);
        return TryMakeFrame(interfaceId, ticks, captured, original, body[PbFixedLength..], offset, out frame);
    }

    private bool TryReadSimplePacket(ReadOnlySpan<byte> body, long offset, out CapturedFrame frame)
    {
        frame = default;
        _frameNumber++;
        if (body.Length < SpbFixedLength || _interfaces.Count == 0)
        {
            Fail(offset, _interfaces.Count == 0 ? "simple packet block before any interface description block" : "simple packet block too short");
            return false;
        }

        var original = ReadUInt32(body);
        var data = body[SpbFixedLength..];
        var snap = _interfaces[0].SnapLength == 0 ? uint.MaxValue : _interfaces[0].SnapLength;
        var captured = (uint)Math.Min(Math.Min(original, snap), (uint)data.Length);
        // A simple packet block has no timestamp (pcapng §4.4); time is left at the epoch and marked absent.
        return TryMakeFrame(0, 0, captured, original, data, offset, out frame, hasTime: false);
    }

    private bool TryMakeFrame(uint interfaceId, ulong ticks, uint captured, uint original, ReadOnlySpan<byte> data, long offset, out CapturedFrame frame, bool hasTime = true)
    {
        frame = default;
        if (interfaceId >= _interfaces.Count)
        {
            Fail(offset, $"packet names interface {interfaceId}, but only {_interfaces.Count} are declared in this section");
            return false;
        }

        if (captured > data.Length)
        {
            Fail(offset, $"packet claims {captured} captured bytes, its block holds {data.Length}");
            return false;
        }

        var description = _interfaces[(int)interfaceId];
        var time = hasTime ? description.ToTimestamp(ticks) : default;
        var originalLength = original > int.MaxValue ? int.MaxValue : (int)original;
        frame = new CapturedFrame(_frameNumber, time, description.LinkType, interfaceId, true, originalLength, offset, data[..(int)captured], hasTime);
        return true;
    }

    private void Fail(long offset, string message) =>
        _accounting.CountFailed(new IngestProblem(_accounting.Input, EvidenceRef.Frame(_accounting.Input, _frameNumber), offset, message));

    // A damaged block that would have held a packet is a failed record; any other damaged block is a problem of the file.
    private void FailBlock(uint type, long offset, string message)
    {
        if (type is EnhancedPacketBlockType or SimplePacketBlockType or ObsoletePacketBlockType)
        {
            _frameNumber++;
            Fail(offset, message);
        }
        else
        {
            _accounting.Report(new IngestProblem(_accounting.Input, null, offset, message));
        }
    }

    private uint ReadUInt32(ReadOnlySpan<byte> span) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);

    private ushort ReadUInt16(ReadOnlySpan<byte> span) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);

    public void Dispose() => _window.Dispose();
}
