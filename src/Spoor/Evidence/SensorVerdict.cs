namespace Spoor.Evidence;

/// <summary>What the sensor that logged the record did or said about it, where the log says.</summary>
public enum SensorVerdict : byte
{
    None = 0,
    Accept,
    Deny,
    Drop,
    Reject,
    Alert,
    Log,
}
