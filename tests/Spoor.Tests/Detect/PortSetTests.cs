using FsCheck.Xunit;
using Spoor.Detect;

namespace Spoor.Tests.Detect;

public sealed class PortSetTests
{
    [Property(MaxTest = 300)]
    public bool CountsListsAndUnionsExactly_AcrossTheSmallAndBitmapForms(ushort[] first, ushort[] second)
    {
        // Spread some inputs wide enough to pass the small form's limit.
        var a = new PortSet();
        var b = new PortSet();
        var expectedA = new SortedSet<int>();
        var expected = new SortedSet<int>();
        foreach (var p in first.Concat(first.Select(p => (ushort)(p * 7 + 1))))
        {
            a.Add(p);
            expectedA.Add(p);
            expected.Add(p);
        }

        foreach (var p in second)
        {
            b.Add(p);
            expected.Add(p);
        }

        if (a.Count != expectedA.Count || !a.Lowest(int.MaxValue).SequenceEqual(expectedA)) return false;
        a.UnionWith(b);
        return a.Count == expected.Count
            && a.Lowest().SequenceEqual(expected.Take(PortSet.ListLimit))
            && expected.All(p => a.Contains((ushort)p));
    }

    [Fact]
    public void AThousandDistinctPorts_AreCountedOnceEach()
    {
        var set = new PortSet();
        for (var i = 0; i < 2000; i++) set.Add((ushort)(i % 1000 * 3));
        set.Count.Should().Be(1000);
        set.Lowest(3).Should().Equal(0, 3, 6);
    }
}
