namespace Spoor.Detect;

/// <summary>Every detector Spoor runs, freshly made for one analysis.</summary>
public static class DetectorCatalog
{
    public static IReadOnlyList<IDetector> Create(DetectionOptions options)
    {
        // One memory of recent UDP flows answers "is this a reply?" for every probe detector: each record's flow is
        // recorded once, however many detectors ask.
        var udpFlows = new RecentFlows(options.MaxRecentFlows);

        // One table of the ports each source probed, likewise: counted once, read by each against its own table.
        var breadth = new SourcePortBreadth(options.MaxSources);
        return
        [
            new PeriodicDetector(options, udpFlows),
            new CraftedPacketDetector(options),
            new TrojanProbeDetector(options, udpFlows, breadth),
            new ServiceProbeDetector(options, udpFlows, breadth),
            new OsFingerprintDetector(options),
            new ScanDetector(options),
        ];
    }

    /// <summary>
    /// Divides detectors between the reading thread and the detecting one: those that share state (the probe
    /// detectors' memory of UDP flows and of sources' ports: periodic, trojan and service probes) stay together beside the reading, and the
    /// rest (scan, crafted packets, OS fingerprinting: the heavier share) go to the detecting thread.
    /// </summary>
    public static (IReadOnlyList<IDetector> BesideReading, IReadOnlyList<IDetector> Alone) SplitForTwoThreads(IReadOnlyList<IDetector> detectors)
    {
        var reading = new List<IDetector>();
        var alone = new List<IDetector>();
        foreach (var detector in detectors)
        {
            if (detector is PeriodicDetector or TrojanProbeDetector or ServiceProbeDetector) reading.Add(detector);
            else alone.Add(detector);
        }

        return (reading, alone);
    }
}
