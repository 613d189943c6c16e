namespace Spoor.Detect;

/// <summary>What became of a first contact, as the Threshold Random Walk counts it.</summary>
public enum ScanContactOutcome : byte
{
    Pending,
    Success,
    Failure,
}
