namespace Spoor.Evidence;

/// <summary>What a <see cref="HostAddress"/> holds.</summary>
public enum HostAddressKind : byte
{
    None = 0,
    IPv4 = 4,
    IPv6 = 6,

    /// <summary>An anonymised or named host as a log wrote it (<c>MY.NET.1.8</c>, <c>256.0.0.1</c>, <c>mailhost</c>).</summary>
    Token = 255,
}
