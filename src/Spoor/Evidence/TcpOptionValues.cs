namespace Spoor.Evidence;

/// <summary>
/// The TCP options that fingerprint a stack or a tool (RFC 9293 MSS, RFC 7323 window scale and timestamps,
/// RFC 2018 SACK-permitted); which ones were present is in the observation's field mask.
/// </summary>
public readonly record struct TcpOptionValues(ushort Mss, byte WindowScale, uint TimestampValue, uint TimestampEcho);
