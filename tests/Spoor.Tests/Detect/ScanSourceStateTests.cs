using Spoor.Detect;
using Spoor.Evidence;

namespace Spoor.Tests.Detect;

public sealed class ScanSourceStateTests
{
    private static readonly HostAddress Source = HostAddress.FromIPv4(0x0A000001);

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(300)]
    public void FindNamesEachKeysNewestContact_BeforeAndAfterTheIndexTakesOver(int pairs)
    {
        var state = new ScanSourceState();
        state.Start(Source, new Timestamp(1, 6));
        var keys = ProbeEveryPairTwice(state, pairs);

        foreach (var key in keys) state.Find(key).Should().Be(NewestByScan(state, key));
        state.Find(new ScanContactKey(HostAddress.FromIPv4(0xC6336401), 9, 6)).Should().Be(-1, "a pair never probed has no contact");
        state.ContactCount.Should().Be(pairs * 2, "each pair was probed in two techniques");
    }

    [Fact]
    public void AStateReusedForAnotherSourceFindsNoneOfTheFormerSourcesContacts()
    {
        var state = new ScanSourceState();
        state.Start(Source, new Timestamp(1, 6));
        var former = ProbeEveryPairTwice(state, 200);
        state.Release();
        state.Start(HostAddress.FromIPv4(0x0A000002), new Timestamp(2, 6));

        foreach (var key in former) state.Find(key).Should().Be(-1);
        var again = ProbeEveryPairTwice(state, 40);
        foreach (var key in again) state.Find(key).Should().Be(NewestByScan(state, key));
    }

    [Fact]
    public void StatesSharingContactArrays_KeepTheirOwnContacts_AndTakeTheArraysAnotherOutgrew()
    {
        var arrays = new ScanContactArrays();
        var first = new ScanSourceState(arrays);
        first.Start(Source, new Timestamp(1, 6));
        var firstKeys = ProbeEveryPairTwice(first, 20);

        // The second state grows through the lengths the first gave back (1 to 32) while the first keeps its 64.
        var second = new ScanSourceState(arrays);
        second.Start(HostAddress.FromIPv4(0x0A000002), new Timestamp(2, 6));
        var secondKeys = ProbeEveryPairTwice(second, 10);
        var given = arrays.Rent(8);
        arrays.Return(given);
        arrays.Rent(8).Should().BeSameAs(given, "an array given back is the next one rented at its length");

        first.ContactCount.Should().Be(40);
        second.ContactCount.Should().Be(20);
        foreach (var key in firstKeys) first.Find(key).Should().Be(NewestByScan(first, key)).And.BeGreaterThanOrEqualTo(0);
        foreach (var key in secondKeys) second.Find(key).Should().Be(NewestByScan(second, key)).And.BeGreaterThanOrEqualTo(0);
        second.Contacts.ToArray().Select(c => c.Key).Should().Equal(secondKeys.Concat(secondKeys), "a rented array holds only what its state wrote, in order");
        first.Contacts.ToArray().Select(c => c.Key).Should().Equal(firstKeys.Concat(firstKeys), "growing the second state did not touch the first one's array");
        first.Contacts[39].Packets.Should().Be(1);
    }

    [Fact]
    public void AContactKeepsEveryFactItIsTold()
    {
        var time = new Timestamp(1_700_000_000_123_456_789, 9);
        var evidence = EvidenceRef.Line(3, 1L << 40);
        var contact = new ScanContact
        {
            Key = new ScanContactKey(HostAddress.FromIPv4(0xC0000201), 443, 6),
            Bucket = 7,
            Next = 65_535,
            First = time,
            LastNanoseconds = long.MaxValue,
            Evidence = evidence,
            Packets = int.MaxValue,
            Outcome = ScanContactOutcome.Failure,
            Silent = true,
            RstWindowNonZero = true,
        };

        contact.Key.Should().Be(new ScanContactKey(HostAddress.FromIPv4(0xC0000201), 443, 6));
        (contact.Bucket, contact.Next, contact.First, contact.LastNanoseconds, contact.Evidence, contact.Packets, contact.Outcome)
            .Should().Be(((byte)7, 65_535, time, long.MaxValue, evidence, int.MaxValue, ScanContactOutcome.Failure));
        (contact.FirstForPair, contact.Refused, contact.Silent, contact.SynAckSeen, contact.SourceAcked, contact.SourceReset, contact.RstSeen, contact.RstWindowNonZero)
            .Should().Be((false, false, true, false, false, false, false, true));
        contact.Silent = false;
        contact.SourceReset = true;
        (contact.Silent, contact.SourceReset, contact.RstWindowNonZero).Should().Be((false, true, true));
    }

    /// <summary>Probes each of <paramref name="pairs"/> (target, port) pairs as a SYN, then all of them again as a FIN.</summary>
    private static List<ScanContactKey> ProbeEveryPairTwice(ScanSourceState state, int pairs)
    {
        var keys = new List<ScanContactKey>();
        for (var i = 0; i < pairs; i++) keys.Add(new ScanContactKey(HostAddress.FromIPv4(0xC0000200 + (uint)(i % 7)), (ushort)(i * 31), 6));
        var frame = 0L;
        foreach (var bucket in new[] { ScanBuckets.Of(ScanTechnique.Syn), ScanBuckets.Of(ScanTechnique.Fin) })
        {
            foreach (var key in keys)
            {
                frame++;
                var observation = new Observation { Time = new Timestamp(frame * 1000, 6), Evidence = EvidenceRef.Frame(0, frame) };
                state.Probe(key, bucket, in observation, maxContacts: 65_536, out var isNew).Should().BeGreaterThanOrEqualTo(0);
                isNew.Should().BeTrue();
            }
        }

        return keys;
    }

    private static int NewestByScan(ScanSourceState state, ScanContactKey key)
    {
        var contacts = state.Contacts;
        for (var i = contacts.Length - 1; i >= 0; i--)
        {
            if (contacts[i].Key == key) return i;
        }

        return -1;
    }
}
