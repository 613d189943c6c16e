using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Spoor.Evidence;
using Spoor.Ingest.Capture;
using Spoor.Ingest.Decoding;

namespace Spoor.Tests.Ingest;

/// <summary>Any byte sequence decodes or yields a located problem; nothing throws, whatever the link type.</summary>
public sealed class ArbitraryBytesProperties
{
    private static readonly ushort[] LinkTypesToTry =
    [
        LinkTypes.Ethernet, LinkTypes.LinuxSll, LinkTypes.LinuxSll2, LinkTypes.Raw, LinkTypes.RawIPv4, LinkTypes.RawIPv6,
        LinkTypes.Null, LinkTypes.Loop, LinkTypes.Nflog, 147,
    ];

    [Property(MaxTest = 2000)]
    public bool AnyFrame_OnAnyLinkType_DecodesWithoutThrowing(byte[] frame, bool snapTruncated)
    {
        foreach (var linkType in LinkTypesToTry)
        {
            var observation = default(Observation);
            var outcome = PacketDecoder.DecodeLink(linkType, frame, snapTruncated, ref observation);
            if (outcome.IsDefect && outcome.Describe().Length == 0) return false;
        }

        return true;
    }

    [Property(MaxTest = 500)]
    public bool UdpPayloadHead_IsTheFirstBytesOfThePayload(byte[] payload, byte padding)
    {
        // An IPv4 UDP datagram followed by padding bytes the IP length excludes: the head never reaches them.
        var ipLength = 28 + payload.Length;
        var frame = new byte[ipLength + padding % 8];
        frame.AsSpan(ipLength).Fill(0xEE);
        frame[0] = 0x45;
        frame[9] = 17;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)ipLength);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(24), (ushort)(8 + payload.Length));
        payload.CopyTo(frame, 28);
        var observation = default(Observation);
        PacketDecoder.DecodeLink(LinkTypes.RawIPv4, frame, false, ref observation);
        var expected = payload.AsSpan(0, Math.Min(payload.Length, Observation.PayloadHeadCapacity));
        return observation.Has(ObservationFields.PayloadHead) == (payload.Length > 0) && observation.PayloadHead.SequenceEqual(expected);
    }

    [Property(MaxTest = 500)]
    public bool AnyFrame_BehindARealIPv4Header_DecodesWithoutThrowing(byte protocol, byte[] payload)
    {
        var frame = new byte[20 + payload.Length];
        frame[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)frame.Length);
        frame[9] = protocol;
        payload.CopyTo(frame, 20);
        var observation = default(Observation);
        PacketDecoder.DecodeLink(LinkTypes.RawIPv4, frame, false, ref observation);
        return observation.Has(ObservationFields.Source);
    }

    [Property(MaxTest = 300)]
    public bool AnyBytes_AfterAPcapHeader_AreAccountedFor(byte[] tail)
    {
        var file = File.ReadAllBytes(TestPaths.Data("public", "zeek/tcp/syn-synack.pcap"))[..24].Concat(tail).ToArray();
        var books = Decoded.Bytes(file).Accounting;
        return books.Records == books.Decoded + books.Skipped + books.Failed;
    }

    [Property(MaxTest = 300)]
    public bool AnyBytes_AfterAPcapNgSectionHeader_AreAccountedFor(byte[] tail)
    {
        var bytes = File.ReadAllBytes(TestPaths.Data("public", "zeek/pcapng-multi-interface.pcapng"));
        var sectionLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var file = bytes[..sectionLength].Concat(tail).ToArray();
        var books = Decoded.Bytes(file).Accounting;
        return books.Records == books.Decoded + books.Skipped + books.Failed;
    }

    [Property(MaxTest = 200)]
    public Property ArbitraryWholeFiles_NeverThrow() =>
        Prop.ForAll(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).ToArbitrary(), bytes =>
        {
            var books = Decoded.Bytes(bytes).Accounting;
            return books.Records == books.Decoded + books.Skipped + books.Failed;
        });
}
