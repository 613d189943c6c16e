namespace Spoor.Evidence;

/// <summary>
/// Interns anonymised and named host tokens so a <see cref="HostAddress"/> can carry one as a number,
/// without a string per record. Process-wide: tokens are few (one per distinct name) and never removed.
/// </summary>
public static class HostTokenTable
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> IdsBySpan =
        Ids.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly List<string> Texts = [];

    public static int Intern(ReadOnlySpan<char> token)
    {
        lock (Gate)
        {
            if (IdsBySpan.TryGetValue(token, out var id))
            {
                return id;
            }

            var text = token.ToString();
            id = Texts.Count;
            Texts.Add(text);
            Ids.Add(text, id);
            return id;
        }
    }

    public static string Text(int id)
    {
        lock (Gate)
        {
            return (uint)id < (uint)Texts.Count ? Texts[id] : string.Empty;
        }
    }
}
