namespace Spoor.Evidence;

/// <summary>Writes TCP flags as letters in the contract's order C E U A P R S F (Snort's order, less its reserved-bit digits).</summary>
public static class TcpFlagsText
{
    private static readonly (TcpFlags Flag, char Letter)[] Order =
    [
        (TcpFlags.Cwr, 'C'), (TcpFlags.Ece, 'E'), (TcpFlags.Urg, 'U'), (TcpFlags.Ack, 'A'),
        (TcpFlags.Psh, 'P'), (TcpFlags.Rst, 'R'), (TcpFlags.Syn, 'S'), (TcpFlags.Fin, 'F'),
    ];

    public static int Format(TcpFlags flags, Span<char> destination)
    {
        var n = 0;
        foreach (var (flag, letter) in Order)
        {
            if ((flags & flag) != 0) destination[n++] = letter;
        }

        return n;
    }

    public static string ToText(TcpFlags flags)
    {
        Span<char> buffer = stackalloc char[8];
        return new string(buffer[..Format(flags, buffer)]);
    }
}
