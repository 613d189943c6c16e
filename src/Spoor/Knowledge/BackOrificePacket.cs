using System.Globalization;

namespace Spoor.Knowledge;

/// <summary>
/// Recognises a Back Orifice (1998) control packet in a UDP payload. BO encrypts every packet with a byte
/// stream from the Microsoft C runtime's rand() generator seeded from the password; with no password the
/// seed is 31337, and every plaintext starts with the magic <c>*!*QWTY?</c>, then a 4-byte length, a 4-byte
/// packet id and a 1-byte type (1 = ping). Sources: Snort's Back Orifice preprocessor (spp_bo), which decrypts
/// with the default key the same way; nmap's backorifice-brute.nse, whose ping is the same 19-byte packet.
/// </summary>
/// <remarks>
/// The trojan-probe detector applies it to every UDP observation's payload head. Seed 003 detect 3's "UDP
/// 12345" probe, which its analyst could not identify, decrypts with the default key to a BO ping: Back
/// Orifice on a non-default port.
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

    /// <summary>The bits of the type byte that number the command; the two above flag a partial or continued packet.</summary>
    public const byte CommandMask = 0x3F;

    private const string ResourceName = "Spoor.Knowledge.back-orifice-commands.tsv";
    private const int TypeColumn = 0;
    private const int CommandColumn = 1;
    private const int ColumnCount = 2;

    private static readonly Lazy<Dictionary<int, string>> Commands = new(() =>
    {
        var table = new Dictionary<int, string>();
        foreach (var row in KnowledgeTable.Rows(ResourceName, ColumnCount))
        {
            table.Add(int.Parse(row[TypeColumn], NumberStyles.None, CultureInfo.InvariantCulture), row[CommandColumn]);
        }

        return table;
    });

    /// <summary>The name of command <paramref name="command"/> (the type byte's low six bits) in <c>back-orifice-commands.tsv</c>.</summary>
    public static bool TryGetCommandName(int command, out string name) => Commands.Value.TryGetValue(command, out name!);

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
