using Spoor.Evidence;

namespace Spoor.Ingest.Capture;

/// <summary>
/// What a pcapng Interface Description Block says about its interface: link type, snap length and the
/// timestamp resolution (<c>if_tsresol</c>) and offset (<c>if_tsoffset</c>) that turn raw ticks into time.
/// </summary>
public readonly record struct PcapNgInterface(ushort LinkType, uint SnapLength, byte ResolutionExponent, bool BinaryResolution, long OffsetSeconds)
{
    /// <summary>The default resolution of pcapng: microseconds (10^-6).</summary>
    public static PcapNgInterface Create(ushort linkType, uint snapLength) => new(linkType, snapLength, 6, false, 0);

    /// <summary>Converts a 64-bit tick count to a <see cref="Timestamp"/> at this interface's resolution.</summary>
    public Timestamp ToTimestamp(ulong ticks)
    {
        long nanoseconds;
        byte digits;
        if (BinaryResolution)
        {
            // 2^-n seconds per tick; exact in 128-bit arithmetic.
            var exponent = Math.Min((int)ResolutionExponent, 63);
            nanoseconds = (long)(((UInt128)ticks * Timestamp.NanosecondsPerSecond) >> exponent);
            digits = 9;
        }
        else if (ResolutionExponent <= 9)
        {
            var scale = 1L;
            for (var i = ResolutionExponent; i < 9; i++) scale *= 10;
            nanoseconds = (long)((UInt128)ticks * (ulong)scale);
            digits = ResolutionExponent;
        }
        else
        {
            var divisor = (UInt128)1;
            for (var i = 9; i < ResolutionExponent && i < 38; i++) divisor *= 10;
            nanoseconds = (long)(ticks / divisor);
            digits = 9;
        }

        return new Timestamp(nanoseconds + OffsetSeconds * Timestamp.NanosecondsPerSecond, digits);
    }
}
