using Spoor.Detect;
using Spoor.Evidence;

namespace Spoor.Tests.Detect;

public sealed class CraftedSourceTableTests
{
    [Fact]
    public void AddsFindsAndRemovesLikeADictionary_ThroughGrowthAndWrappedRuns()
    {
        // Thousands of sources in an index that starts at 1,024 entries: it grows several times, runs of entries wrap
        // past its end, and removals shift entries back across them. A dictionary of source to slot is the model.
        var table = new CraftedSourceTable();
        var model = new Dictionary<HostAddress, int>();
        var random = new Random(20261123);
        var pool = Enumerable.Range(0, 6000).Select(i => HostAddress.FromIPv4(0x0A000000u + (uint)(i * 7919))).ToArray();
        var mismatches = new List<string>();
        for (var step = 0; step < 60_000; step++)
        {
            var source = pool[random.Next(pool.Length)];
            var held = table.TryFind(source, out var slot);
            if (held != model.TryGetValue(source, out var expected) || (held && (slot != expected || table[slot].Source != source)))
            {
                mismatches.Add($"step {step}: {source} held {held} slot {slot}, expected {expected}");
            }

            if (held && random.Next(3) == 0)
            {
                table.Remove(slot);
                model.Remove(source);
            }
            else if (!held && random.Next(4) != 0)
            {
                var added = table.Add(source);
                if (table[added].Source != source || table[added].State is not null) mismatches.Add($"step {step}: slot {added} not empty for {source}");
                model.Add(source, added);
            }
        }

        mismatches.Should().BeEmpty();
        table.Count.Should().Be(model.Count);
        var listed = new List<HostAddress>();
        foreach (var slot in table) listed.Add(table[slot].Source);
        listed.Should().HaveCount(model.Count);
        listed.ToHashSet().SetEquals(model.Keys).Should().BeTrue("the table lists every held source once");
    }

    [Fact]
    public void AFreedSlotIsReusedBeforeANewOne()
    {
        var table = new CraftedSourceTable();
        var a = table.Add(HostAddress.FromIPv4(1));
        var b = table.Add(HostAddress.FromIPv4(2));
        table[a].State = new CraftedSourceState(HostAddress.FromIPv4(1), 4);

        table.Remove(a);
        var c = table.Add(HostAddress.FromIPv4(3));

        c.Should().Be(a);
        table[c].State.Should().BeNull();
        table.TryFind(HostAddress.FromIPv4(1), out _).Should().BeFalse();
        table.TryFind(HostAddress.FromIPv4(2), out var found).Should().BeTrue();
        found.Should().Be(b);
    }
}
