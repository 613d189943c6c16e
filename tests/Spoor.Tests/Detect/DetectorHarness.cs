using System.Text;
using Spoor.Detect;
using Spoor.Tests.Ingest;

namespace Spoor.Tests.Detect;

/// <summary>Runs one detector over log text decoded by the real readers and returns its findings.</summary>
internal sealed class DetectorHarness : IFindingSink
{
    private readonly List<Finding> _findings = [];

    public static IReadOnlyList<Finding> Run(IDetector detector, string text)
    {
        var harness = new DetectorHarness();
        var decoded = Decoded.Bytes(Encoding.UTF8.GetBytes(text));
        decoded.Accounting.Problems.Should().BeEmpty("the test's own lines must decode");
        // The engine marks answers to recent UDP flows before any detector sees a record; so does the harness.
        var replies = new RecentFlows(DetectionOptions.Default.MaxRecentFlows);
        foreach (var observation in decoded.Observations)
        {
            var marked = observation;
            replies.Mark(ref marked);
            detector.Observe(marked);
        }

        detector.Complete(harness);
        return harness._findings;
    }

    void IFindingSink.Add(Finding finding) => _findings.Add(finding);
}
