using Spoor.Detect;
using Spoor.Evidence;

namespace Spoor.Tests.Detect;

public sealed class ScanSourceTableTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AddsAndRemovesInAnyOrder_FindEveryHeldSourceAndNoOther(int seed)
    {
        var random = new Random(seed);
        var table = new ScanSourceTable();
        var held = new Dictionary<HostAddress, ScanSourceState>();

        // Few distinct addresses and many operations: long probe runs, removals inside them, growth past 1,024 slots.
        for (var step = 0; step < 40_000; step++)
        {
            var address = HostAddress.FromIPv4(0x0A000000 + (uint)random.Next(3_000));
            if (held.Remove(address, out _))
            {
                table.Remove(address);
            }
            else
            {
                var state = new ScanSourceState();
                state.Start(address, new Timestamp(step, 6));
                table.Add(state);
                held.Add(address, state);
            }

            if (step % 5_000 != 0) continue;
            table.Count.Should().Be(held.Count);
            var walked = new List<ScanSourceState>();
            foreach (var state in table) walked.Add(state);
            walked.Should().HaveCount(held.Count);
            walked.Count(s => held.TryGetValue(s.Source, out var h) && ReferenceEquals(h, s)).Should().Be(held.Count, "the walk yields each held state once");
            walked.Select(s => s.Source).Distinct().Should().HaveCount(held.Count);
        }

        table.Count.Should().Be(held.Count);
        for (uint i = 0; i < 3_000; i++)
        {
            var address = HostAddress.FromIPv4(0x0A000000 + i);
            var found = table.Find(address);
            if (held.TryGetValue(address, out var state)) found.Should().BeSameAs(state);
            else found.Should().BeNull();
        }

        table.Remove(HostAddress.FromIPv4(0x0B000000));
        table.Count.Should().Be(held.Count, "removing a source not held changes nothing");
        table.Clear();
        table.Count.Should().Be(0);
        table.Find(HostAddress.FromIPv4(0x0A000001)).Should().BeNull();
    }
}
