namespace Spoor.Detect;

/// <summary>Every detector Spoor runs, freshly made for one analysis.</summary>
public static class DetectorCatalog
{
    public static IReadOnlyList<IDetector> Create(DetectionOptions options)
    {
        // One table of the ports each source probed, likewise: counted once, read by each against its own table.
        var breadth = new SourcePortBreadth(options.MaxSources);
        return
        [
            new PeriodicDetector(options),
            new CraftedPacketDetector(options),
            new TrojanProbeDetector(options, breadth),
            new ServiceProbeDetector(options, breadth),
            new OsFingerprintDetector(options),
            new ScanDetector(options),
        ];
    }

    /// <summary>
    /// Divides detectors between the reading thread and the detecting one by measured cost (bench `detect`): the
    /// trojan and service probe detectors, which share their table of sources' ports and so must stay together, run
    /// beside the reading; periodic, scan, crafted packets and OS fingerprinting run on the detecting thread. A detector
    /// made to share state with another must be placed with it here. (Measured and dropped: periodic beside the reading
    /// instead; trojan and crafted beside it with service apart, each probe detector with its own port table.)
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
