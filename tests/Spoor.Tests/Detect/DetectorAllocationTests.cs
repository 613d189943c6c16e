using Spoor.Detect;
using Spoor.Tests.Ingest;

namespace Spoor.Tests.Detect;

public sealed class DetectorAllocationTests
{
    public static TheoryData<string> Fixtures() => new()
    {
        "fixtures/hping3-frp.pcap",
        "fixtures/nmap-os.pcap",
        "fixtures/masscan-syn.pcap",
        "fixtures/nmap-udp.pcap",
        "fixtures/benign-busy-client.pcap",
        "fixtures/smtp-relay-test.pcap",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ObservingKnownSourcesAgain_AllocatesNothing(string fixture)
    {
        var observations = Decoded.File(TestPaths.Data(fixture)).Observations;
        IDetector[] detectors =
        [
            new CraftedPacketDetector(DetectionOptions.Default),
            new TrojanProbeDetector(DetectionOptions.Default),
            new ServiceProbeDetector(DetectionOptions.Default),
            new OsFingerprintDetector(DetectionOptions.Default),
        ];
        foreach (var detector in detectors)
        {
            // Warm-up passes make each source's state and fill its bounded evidence sample (32 records, which a
            // source with one probe per pass fills only after 32 passes); the measured pass must reuse it all.
            for (var pass = 0; pass < EvidenceSample.DefaultCapacity; pass++)
            {
                for (var i = 0; i < observations.Count; i++) detector.Observe(observations[i]);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            // An index loop: a foreach over the interface would box the list's enumerator (and its copy of an Observation).
            for (var i = 0; i < observations.Count; i++) detector.Observe(observations[i]);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            allocated.Should().Be(0, $"{detector.Name} must not allocate per observation in steady state");
        }
    }
}
