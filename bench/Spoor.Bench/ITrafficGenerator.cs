using Spoor.Evidence;

namespace Spoor.Bench;

/// <summary>A deterministic source of synthetic frames, made one at a time into the caller's buffer.</summary>
internal interface ITrafficGenerator
{
    /// <summary>Writes the next frame into <paramref name="frame"/> (1600 bytes suffice) and returns its length.</summary>
    int Next(Span<byte> frame, out Timestamp time);
}
