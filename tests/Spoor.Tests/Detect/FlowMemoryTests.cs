using Spoor.Detect;
using Spoor.Evidence;

namespace Spoor.Tests.Detect;

public sealed class FlowMemoryTests
{
    private static readonly HostAddress A = HostAddress.FromIPv4(0x0A000001);
    private static readonly HostAddress B = HostAddress.FromIPv4(0xC0000201);

    [Fact]
    public void DigestsTellDirectionAndPortsApartAndUndirectedOnesDoNot()
    {
        var forward = FlowMemory.Digest(A, 1000, B, 53, 17);
        var reverse = FlowMemory.Digest(B, 53, A, 1000, 17);
        forward.Should().NotBe(reverse);
        forward.Should().NotBe(FlowMemory.Digest(A, 1001, B, 53, 17));
        forward.Should().NotBe(FlowMemory.Digest(A, 1000, B, 53, 6));
        FlowMemory.Undirected(A, 1000, B, 53, 6).Should().Be(FlowMemory.Undirected(B, 53, A, 1000, 6));
        FlowMemory.Undirected(A, 1000, B, 53, 6).Should().NotBe(FlowMemory.Undirected(A, 53, B, 1000, 6));
    }

    [Fact]
    public void HoldsWhatWasSetAndForgetsWhatWasRemoved()
    {
        var memory = new FlowMemory(64);
        memory.Set(42, 7).Should().BeTrue();
        memory.Set(42, 5).Should().BeFalse("a known digest is not new, and an older time does not replace a newer one");
        memory.TryGet(42, out var time).Should().BeTrue();
        time.Should().Be(7);
        memory.TryUpdate(42, 3).Should().BeTrue();
        memory.TryGet(42, out time).Should().BeTrue();
        time.Should().Be(3);
        memory.Put(42, 1);
        memory.TryGet(42, out time).Should().BeTrue();
        time.Should().Be(1, "Put replaces whatever was held");
        memory.Put(43, 8);
        memory.TryGet(43, out time).Should().BeTrue();
        time.Should().Be(8, "Put inserts what was not held");
        memory.Remove(42);
        memory.Contains(42).Should().BeFalse();
        memory.TryUpdate(42, 9).Should().BeFalse();
    }

    [Fact]
    public void AFullSetGivesUpItsLeastRecentlySeenAndCountsIt()
    {
        // Capacity 8 is one set: every digest competes for the same eight slots.
        var memory = new FlowMemory(8);
        for (ulong key = 1; key <= 8; key++) memory.Set(key, (long)key * 10);
        memory.Set(1, 90); // now the newest
        memory.Set(9, 100).Should().BeTrue();
        memory.Displaced.Should().Be(1);
        memory.Contains(2).Should().BeFalse("2 was the least recently seen");
        new ulong[] { 1, 3, 4, 5, 6, 7, 8, 9 }.Should().OnlyContain(key => memory.Contains(key));
    }

    [Fact]
    public void ANewDigestTakesTheFirstEmptySlotElseTheFirstOfTheLeastRecentlySeen()
    {
        var memory = new FlowMemory(8);
        for (ulong key = 1; key <= 8; key++) memory.Set(key, 5);
        memory.Set(9, 6);
        memory.Contains(1).Should().BeFalse("all eight were seen at 5, and 1 holds the first slot");
        memory.Remove(4);
        memory.Remove(6);
        memory.Set(10, 7);
        memory.Displaced.Should().Be(1, "an empty slot was free");
        memory.Set(11, 7);
        memory.Displaced.Should().Be(1);
        memory.Set(12, 8);
        memory.Contains(2).Should().BeFalse("2 was the first of those seen at 5 once the empty slots were taken");
        new ulong[] { 3, 5, 7, 8, 9, 10, 11, 12 }.Should().OnlyContain(key => memory.Contains(key));
    }

    [Fact]
    public void ManyFlowsWithinCapacityAreAllHeld()
    {
        var memory = new FlowMemory(1 << 16);
        var held = 0;
        for (uint i = 0; i < 20_000; i++) memory.Set(FlowMemory.Digest(HostAddress.FromIPv4(0x0A000000 + i), 1234, B, 80, 6), i);
        for (uint i = 0; i < 20_000; i++)
        {
            if (memory.Contains(FlowMemory.Digest(HostAddress.FromIPv4(0x0A000000 + i), 1234, B, 80, 6))) held++;
        }

        // A third full, eight ways: a set overflows rarely (Poisson with mean 2.4 past 8), a few flows in 20,000.
        held.Should().BeGreaterThan(19_950);
        memory.Displaced.Should().Be(20_000 - held);
    }
}
