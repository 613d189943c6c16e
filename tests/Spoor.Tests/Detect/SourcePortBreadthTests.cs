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

    [Fact]
    public void ManySourcesOfEitherFamilyKeepTheirPortsInOrder_AndAFullTableStartsAfresh()
    {
        // 3,000 IPv4 sources (the table grows past its first size) and one IPv6 source, some with more ports
        // than a slot holds; the ports come back in the order first seen.
        var breadth = new SourcePortBreadth(maxSources: 3_001);
        var records = new List<Observation>();
        for (var i = 0; i < 3_000; i++) records.AddRange(Probes($"10.0.{i / 256}.{i % 256}", [.. Enumerable.Range(0, 1 + i % 7).Select(p => 2000 + (p * 37 + i) % 100)]));
        records.AddRange(Probes("2001:db8::7", 9, 8, 7, 6, 5));
        foreach (var o in records) breadth.Add(o);
        for (var i = 0; i < 3_000; i += 7)
        {
            var expected = Enumerable.Range(0, 1 + i % 7).Select(p => (ushort)(2000 + (p * 37 + i) % 100)).Distinct().ToArray();
            var breadthOf = breadth.Outside(Address($"10.0.{i / 256}.{i % 256}"), port => false, limit: 16)!;
            breadthOf.Ports.ToArray().Should().Equal(expected);
        }

        breadth.Outside(Address("2001:db8::7"), port => port == 7, limit: 4)!.Ports.ToArray().Should().Equal(9, 8, 6, 5);
        breadth.Evicted.Should().Be(0);

        // One more source finds the table full (3,001 sources): every source is forgotten, the newcomer kept.
        breadth.Add(Probes("192.0.2.99", 4444)[0]);
        breadth.Evicted.Should().Be(3_001);
        breadth.Outside(Address("10.0.0.1"), port => false, limit: 16).Should().BeNull();
        breadth.Outside(Address("2001:db8::7"), port => false, limit: 16).Should().BeNull();
        breadth.Outside(Address("192.0.2.99"), port => false, limit: 16)!.Ports.ToArray().Should().Equal(4444);
    }

    private static HostAddress Address(string text)
    {
        HostAddress.TryParseOrToken(text, out var address).Should().BeTrue();
        return address;
    }

    private static List<Observation> Probes(string source, params int[] ports)
    {
        var target = source.Contains(':') ? "2001:db8::10" : "192.0.2.10";
        var lines = ports.Select((port, i) => $"00:00:{i:00}.000000 {source}.40000 > {target}.{port}: S 1:1(0) win 1024");
        return Decoded.Bytes(Encoding.ASCII.GetBytes(string.Join('\n', lines) + "\n")).Observations.ToList();
    }
}
