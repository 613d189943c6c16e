namespace Spoor.Knowledge;

/// <summary>
/// Recognises a Back Orifice (1998) control packet in a UDP payload. BO encrypts every packet with a byte
/// stream from the Microsoft C runtime's rand() generator seeded from the password; with no password the
/// seed is 31337, and every plaintext starts with the magic <c>*!*QWTY?</c>, then a 4-byte length, a 4-byte
/// packet id and a 1-byte type (1 = ping). Sources: Snort's Back Orifice preprocessor (spp_bo), which decrypts
/// with the default key the same way; nmap's backorifice-brute.nse, whose ping is the same 19-byte packet.
/// </summary>
/// <remarks>
/// Not used by a detector yet: observations do not carry payload bytes. Seed 003 detect 3's "UDP 12345"
/// probe, which its analyst could not identify, decrypts with the default key to a BO ping, so a payload-aware
/// trojan detector would name Back Orifice on a non-default port there.
/// </remarks>
public static class BackOrificePacket
{
    /// <summary>The seed BO derives from an empty password.</summary>
    public const int DefaultKey = 31337;

    private const int MagicLength = 8;
    private const int TypeOffset = 16;
    private const int MinimumLength = TypeOffset + 1;
    private const uint RandMultiplier = 214013;
    private const uint RandIncrement = 2531011;
    private static ReadOnlySpan<byte> Magic => "*!*QWTY?"u8;

    /// <summary>True when <paramref name="payload"/> decrypts with <paramref name="key"/> to a BO packet; <paramref name="type"/> is its command.</summary>
    public static bool TryRecognise(ReadOnlySpan<byte> payload, out byte type, int key = DefaultKey)
    {
        type = 0;
        if (payload.Length < MinimumLength) return false;
        var state = (uint)key;
        for (var i = 0; i < MinimumLength; i++)
        {
            state = unchecked(state * RandMultiplier + RandIncrement);
            var plain = (byte)(payload[i] ^ (byte)(state >> 16));
            if (i < MagicLength && plain != Magic[i]) return false;
            if (i == TypeOffset) type = plain;
        }

        return true;
    }
}
