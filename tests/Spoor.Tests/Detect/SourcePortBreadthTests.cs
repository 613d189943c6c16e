using System.Text;
using Spoor.Detect;
using Spoor.Evidence;
using Spoor.Tests.Ingest;

namespace Spoor.Tests.Detect;

public sealed class SourcePortBreadthTests
{
    [Fact]
    public void EachDetectorReadsThePortsOutsideItsOwnTable()
    {
        var breadth = new SourcePortBreadth(maxSources: 100);
        foreach (var o in Probes("10.0.0.5", 111, 12345, 80, 81)) breadth.Add(o);
        var source = HostAddress.FromIPv4(0x0A000005);

        var outsideServices = breadth.Outside(source, port => port == 111, limit: 4)!;
        outsideServices.Ports.ToArray().Should().Equal(12345, 80, 81);
        outsideServices.Exceeded.Should().BeFalse();

        breadth.Outside(source, port => port == 12345, limit: 2)!.Exceeded.Should().BeTrue("three ports lie outside, above the limit of two");
        breadth.Outside(source, port => true, limit: 4).Should().BeNull("every port is in the table");
        breadth.Outside(HostAddress.FromIPv4(0x0A000006), port => false, limit: 4).Should().BeNull("an unseen source probed nothing");
    }

    [Fact]
    public void ARecordAskedAboutTwiceIsCountedOnce_AndMoreThanHeldPortsIsWideWhateverTheTable()
    {
        var breadth = new SourcePortBreadth(maxSources: 100);
        var probes = Probes("10.0.0.5", [.. Enumerable.Range(1000, SourcePortBreadth.Held + 1)]);
        foreach (var o in probes)
        {
            breadth.Add(o);
            breadth.Add(o); // the second detector asking about the same record
        }

        var source = HostAddress.FromIPv4(0x0A000005);
        breadth.Outside(source, port => true, limit: 4)!.Exceeded.Should().BeTrue("a source that probed seventeen ports is a port scanner");
        var fewer = new SourcePortBreadth(maxSources: 100);
        foreach (var o in probes.Take(SourcePortBreadth.Held))
        {
            fewer.Add(o);
            fewer.Add(o);
        }

        fewer.Outside(source, port => true, limit: 4).Should().BeNull("sixteen ports, all in the table, are held exactly");
    }

    private static List<Observation> Probes(string source, params int[] ports)
    {
        var lines = ports.Select((port, i) => $"00:00:{i:00}.000000 {source}.40000 > 192.0.2.10.{port}: S 1:1(0) win 1024");
        return Decoded.Bytes(Encoding.ASCII.GetBytes(string.Join('\n', lines) + "\n")).Observations.ToList();
    }
}
