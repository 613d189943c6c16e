using Spoor.Detect;
using Spoor.Evidence;

namespace Spoor.Tests.Detect;

public sealed class PeriodicFlowTableTests
{
    [Fact]
    public void RandomAddsAndRemoves_FindExactlyTheHeldKeys_AndWalkPositionsInTheOrderADictionaryEnumerates()
    {
        // Small enough that probe runs meet, wrap around the index and are shifted back by removals; the dictionary is
        // the reference for both membership and the order sweeps visit flows in (which orders their findings).
        const int capacity = 300;
        var table = new PeriodicFlowTable(capacity);
        var reference = new Dictionary<PeriodicFlowKey, int>();
        var random = new Random(20261123);
        var keys = Enumerable.Range(0, 1000)
            .Select(i => new PeriodicFlowKey(HostAddress.FromIPv4(0x0A000000u + (uint)(i % 250)), i % 3 == 0 ? TransportProtocol.Udp : TransportProtocol.Tcp, (ushort)(i / 250)))
            .ToArray();

        for (var step = 0; step < 20_000; step++)
        {
            var key = keys[random.Next(keys.Length)];
            var digest = PeriodicFlowTable.Digest(key);
            var slot = table.Find(key, digest);
            (slot >= 0).Should().Be(reference.ContainsKey(key), "step {0}", step);
            if (slot >= 0)
            {
                table.Entry(table.PositionAt(slot)).Key.Should().Be(key);
                if (random.Next(3) == 0)
                {
                    table.Remove(table.PositionAt(slot));
                    reference.Remove(key);
                }
            }
            else if (reference.Count < capacity)
            {
                table.Add(key, digest, default);
                reference.Add(key, step);
            }

            table.Count.Should().Be(reference.Count);
        }

        var walked = new List<PeriodicFlowKey>();
        for (var position = 0; position < table.End; position++)
        {
            if (table.Entry(position).InUse) walked.Add(table.Entry(position).Key);
        }

        walked.Should().Equal(reference.Keys);
    }

    [Fact]
    public void AFlowWithAState_IsFoundThroughIt_AndLosesItWhenRemoved()
    {
        var table = new PeriodicFlowTable(8);
        var key = new PeriodicFlowKey(HostAddress.FromIPv4(0xC0000201), TransportProtocol.Udp, 53);
        var digest = PeriodicFlowTable.Digest(key);
        table.Add(key, digest, default);
        var slot = table.Find(key, digest);
        table.StateAt(slot).Should().BeNull();

        var state = new PeriodicFlowState(4);
        state.Reset(key);
        table.Attach(slot, state);
        slot = table.Find(key, digest);
        table.StateAt(slot).Should().BeSameAs(state);
        table.Entry(table.PositionAt(slot)).State.Should().BeSameAs(state);

        var position = table.PositionAt(slot);
        table.Remove(position);
        table.Find(key, digest).Should().Be(-1);
        table.Entry(position).InUse.Should().BeFalse();
        table.Entry(position).State.Should().BeNull();
        table.Count.Should().Be(0);
    }
}
