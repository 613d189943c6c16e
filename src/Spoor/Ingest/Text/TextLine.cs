namespace Spoor.Ingest.Text;

/// <summary>One physical line of a text input: its characters (without the line break) and its number from 1.</summary>
public readonly ref struct TextLine(ReadOnlySpan<char> text, long number)
{
    public ReadOnlySpan<char> Text { get; } = text;

    public long Number { get; } = number;

    public bool IsBlank => Text.IsWhiteSpace();
}
