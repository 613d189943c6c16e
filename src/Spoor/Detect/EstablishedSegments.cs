namespace Spoor.Detect;

/// <summary>
/// Which segments of established connections (<see cref="Evidence.ObservationFields.Established"/>) can change a
/// detector's findings. Most of a capture is such segments; a detector that reads none of them can be handed the
/// rest only (the two-thread analysis does), at the same findings. Several detectors' needs combine as flags.
/// </summary>
[Flags]
public enum EstablishedSegments
{
    /// <summary>None: the detector passes every established segment over.</summary>
    None = 0,

    /// <summary>Those with a packet anomaly (<see cref="CraftedPacketDetector.Anomalies"/>): impossible flags, a zero port and the like.</summary>
    Anomalous = 1,

    /// <summary>Those to or from TCP port 25: an SMTP session's sizes are its evidence.</summary>
    Smtp = 2,

    /// <summary>All of them (the default: a detector reads what it is given).</summary>
    All = -1,
}
