namespace Spoor.Evidence;

/// <summary>What an <see cref="EvidenceRef"/> number counts: frames of a capture or lines of a text log.</summary>
public enum EvidenceKind : byte
{
    Frame = 0,
    Line = 1,
}
