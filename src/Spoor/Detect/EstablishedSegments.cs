namespace Spoor.Detect;

/// <summary>
/// Which segments of established connections (<see cref="Evidence.ObservationFields.Established"/>) can change a
/// detector's findings. Most of a capture is such segments; a detector that reads none of them can be handed the
/// rest only (the two-thread analysis does), at the same findings.
/// </summary>
public enum EstablishedSegments
{
    /// <summary>None: the detector passes every established segment over.</summary>
    None,

    /// <summary>Only those with a packet anomaly (<see cref="CraftedPacketDetector.Anomalies"/>): impossible flags, a zero port and the like.</summary>
    Anomalous,

    /// <summary>All of them (the default: a detector reads what it is given).</summary>
    All,
}
