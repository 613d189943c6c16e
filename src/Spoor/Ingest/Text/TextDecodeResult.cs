namespace Spoor.Ingest.Text;

/// <summary>
/// A text format's answer for the lines it was offered: the status, how many physical lines the record
/// took (a wrapped record takes several), and for skips and malformed records the reason.
/// </summary>
public readonly record struct TextDecodeResult(TextDecodeStatus Status, int Lines, string? Reason)
{
    public static TextDecodeResult NotMine => default;

    public static TextDecodeResult Decoded(int lines = 1) => new(TextDecodeStatus.Observation, lines, null);

    public static TextDecodeResult Skipped(string reason, int lines = 1) => new(TextDecodeStatus.Skip, lines, reason);

    public static TextDecodeResult Malformed(string reason, int lines = 1) => new(TextDecodeStatus.Malformed, lines, reason);
}
