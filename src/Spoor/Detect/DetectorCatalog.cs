namespace Spoor.Detect;

/// <summary>Every detector Spoor runs, freshly made for one analysis.</summary>
public static class DetectorCatalog
{
    public static IReadOnlyList<IDetector> Create(DetectionOptions options) =>
    [
        new PeriodicDetector(options),
        new CraftedPacketDetector(options),
        new TrojanProbeDetector(options),
        new ServiceProbeDetector(options),
        new OsFingerprintDetector(options),
        new ScanDetector(options),
    ];
}
