namespace Spoor.Detect;

/// <summary>Every detector Spoor runs, freshly made for one analysis.</summary>
public static class DetectorCatalog
{
    public static IReadOnlyList<IDetector> Create(DetectionOptions options)
    {
        // One memory of recent UDP flows answers "is this a reply?" for the trojan and service probe detectors: each
        // record's flow is recorded once, however many ask. (The periodic detector keeps its own, fed the same records,
        // so it can run on the other thread.)
        var udpFlows = new RecentFlows(options.MaxRecentFlows);

        // One table of the ports each source probed, likewise: counted once, read by each against its own table.
        var breadth = new SourcePortBreadth(options.MaxSources);
        return
        [
            new PeriodicDetector(options),
            new CraftedPacketDetector(options),
            new TrojanProbeDetector(options, udpFlows, breadth),
            new ServiceProbeDetector(options, udpFlows, breadth),
            new OsFingerprintDetector(options),
            new ScanDetector(options),
        ];
    }

    /// <summary>
    /// Divides detectors between the reading thread and the detecting one by measured cost (bench `detect`): the
    /// trojan and service probe detectors, which share their memory of UDP flows and of sources' ports and so must
    /// stay together, run beside the reading; periodic, scan, crafted packets and OS fingerprinting run on the
    /// detecting thread. A detector made to share state with another must be placed with it here.
    /// </summary>
    public static (IReadOnlyList<IDetector> BesideReading, IReadOnlyList<IDetector> Alone) SplitForTwoThreads(IReadOnlyList<IDetector> detectors)
    {
        var reading = new List<IDetector>();
        var alone = new List<IDetector>();
        foreach (var detector in detectors)
        {
            if (detector is TrojanProbeDetector or ServiceProbeDetector) reading.Add(detector);
            else alone.Add(detector);
        }

        return (reading, alone);
    }
}
