namespace Spoor.Detect;

/// <summary>Whether a finding's apparent sources are forged.</summary>
public enum SpoofingVerdict
{
    Unknown,
    Genuine,
    Spoofed,
}
