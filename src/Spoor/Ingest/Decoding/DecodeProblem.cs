namespace Spoor.Ingest.Decoding;

/// <summary>Why decoding of a frame stopped early or found something malformed; <see cref="None"/> when it did not.</summary>
public enum DecodeProblem : byte
{
    None = 0,

    /// <summary>The capture's snap length cut the frame inside a header: normal, not a defect of the packet.</summary>
    SnapTruncated,

    UnsupportedLinkType,
    LinkHeaderTruncated,
    UnknownLoopbackFamily,
    NflogMalformed,
    IpVersionUnknown,
    IPv4HeaderTruncated,
    IPv4HeaderLengthInvalid,
    IPv4TotalLengthInvalid,
    IPv4TotalLengthExceedsFrame,
    IPv4OptionMalformed,
    IPv6HeaderTruncated,
    IPv6PayloadLengthExceedsFrame,
    IPv6ExtensionHeaderTruncated,
    TcpHeaderTruncated,
    TcpHeaderLengthInvalid,
    TcpOptionsTruncated,
    TcpOptionMalformed,
    UdpHeaderTruncated,
    UdpLengthInvalid,
    IcmpTruncated,
    ArpTruncated,
}
