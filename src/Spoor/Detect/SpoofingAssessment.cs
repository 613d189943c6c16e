namespace Spoor.Detect;

/// <summary>The spoofing verdict on a finding's sources, with the reasons for it.</summary>
public sealed record SpoofingAssessment(SpoofingVerdict Verdict, IReadOnlyList<Reason> Reasons)
{
    public static SpoofingAssessment Unknown { get; } = new(SpoofingVerdict.Unknown, []);
}
