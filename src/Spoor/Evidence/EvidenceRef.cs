namespace Spoor.Evidence;

/// <summary>
/// Points back at the bytes a conclusion came from: the input's index in the run and the frame number
/// (captures, from 1) or line number (text logs, from 1).
/// </summary>
public readonly record struct EvidenceRef(int Input, long Number, EvidenceKind Kind)
{
    public static EvidenceRef Frame(int input, long frame) => new(input, frame, EvidenceKind.Frame);

    public static EvidenceRef Line(int input, long line) => new(input, line, EvidenceKind.Line);

    public override string ToString() => Kind == EvidenceKind.Frame ? $"frame {Number}" : $"line {Number}";
}
