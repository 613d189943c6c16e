namespace Spoor.Ingest.Decoding;

/// <summary>
/// What a decoder found wrong, where (byte offset in the frame) and the two numbers that make the message
/// (expected and actual). A value, so the hot path builds no string; <see cref="Describe"/> makes the
/// sentence only when a problem is reported.
/// </summary>
public readonly record struct DecodeOutcome(DecodeProblem Problem, int Offset, long Expected, long Actual)
{
    public static DecodeOutcome Ok => default;

    public bool IsOk => Problem == DecodeProblem.None;

    /// <summary>True for a defect worth reporting; snap-length truncation and clean decodes are not.</summary>
    public bool IsDefect => Problem is not (DecodeProblem.None or DecodeProblem.SnapTruncated or DecodeProblem.UnsupportedLinkType);

    public static DecodeOutcome At(DecodeProblem problem, int offset, long expected = 0, long actual = 0) => new(problem, offset, expected, actual);

    public string Describe() => Problem switch
    {
        DecodeProblem.None => "decoded",
        DecodeProblem.SnapTruncated => $"snap length cut the frame at byte {Offset}",
        DecodeProblem.UnsupportedLinkType => $"link type {Expected} is not supported",
        DecodeProblem.LinkHeaderTruncated => $"link-layer header needs {Expected} bytes, frame has {Actual}",
        DecodeProblem.UnknownLoopbackFamily => $"loopback header names address family {Actual}, expected IPv4 (2) or IPv6 (24, 28, 30)",
        DecodeProblem.NflogMalformed => $"NFLOG TLV at byte {Offset} has length {Actual}, which does not fit the frame",
        DecodeProblem.IpVersionUnknown => $"IP version {Actual} at byte {Offset}, expected 4 or 6",
        DecodeProblem.IPv4HeaderTruncated => $"IPv4 header at byte {Offset} needs {Expected} bytes, {Actual} captured",
        DecodeProblem.IPv4HeaderLengthInvalid => $"IPv4 header length {Actual} bytes at byte {Offset}, minimum is 20",
        DecodeProblem.IPv4TotalLengthInvalid => $"IPv4 total length {Actual} is less than its header length {Expected}",
        DecodeProblem.IPv4TotalLengthExceedsFrame => $"IPv4 total length {Expected} exceeds the {Actual} bytes the frame holds",
        DecodeProblem.IPv4OptionMalformed => $"IPv4 option at byte {Offset} has length {Actual}, which does not fit the header",
        DecodeProblem.IPv6HeaderTruncated => $"IPv6 header at byte {Offset} needs 40 bytes, {Actual} captured",
        DecodeProblem.IPv6PayloadLengthExceedsFrame => $"IPv6 payload length {Expected} exceeds the {Actual} bytes the frame holds",
        DecodeProblem.IPv6ExtensionHeaderTruncated => $"IPv6 extension header {Expected} at byte {Offset} is cut short ({Actual} bytes left)",
        DecodeProblem.TcpHeaderTruncated => $"TCP header at byte {Offset} needs {Expected} bytes, {Actual} present",
        DecodeProblem.TcpHeaderLengthInvalid => $"TCP header length {Actual} bytes at byte {Offset}, minimum is 20",
        DecodeProblem.TcpOptionsTruncated => $"TCP header length {Expected} bytes at byte {Offset}, only {Actual} present",
        DecodeProblem.TcpOptionMalformed => $"TCP option at byte {Offset} has length {Actual}, which does not fit the header",
        DecodeProblem.UdpHeaderTruncated => $"UDP header at byte {Offset} needs 8 bytes, {Actual} present",
        DecodeProblem.UdpLengthInvalid => $"UDP length {Actual} at byte {Offset} is less than 8 or exceeds the IP payload of {Expected}",
        DecodeProblem.IcmpTruncated => $"ICMP message at byte {Offset} needs {Expected} bytes, {Actual} present",
        DecodeProblem.ArpTruncated => $"ARP message at byte {Offset} needs {Expected} bytes, {Actual} present",
        _ => Problem.ToString(),
    };
}
