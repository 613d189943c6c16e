namespace Spoor.Detect;

/// <summary>Every detector Spoor runs, freshly made for one analysis.</summary>
public static class DetectorCatalog
{
    public static IReadOnlyList<IDetector> Create(DetectionOptions options)
    {
        // One memory of recent UDP flows answers "is this a reply?" for every probe detector: each record's flow is
        // recorded once, however many detectors ask.
        var udpFlows = new RecentFlows(options.MaxRecentFlows);
        return
        [
            new PeriodicDetector(options, udpFlows),
            new CraftedPacketDetector(options),
            new TrojanProbeDetector(options, udpFlows),
            new ServiceProbeDetector(options, udpFlows),
            new OsFingerprintDetector(options),
            new ScanDetector(options),
        ];
    }
}
