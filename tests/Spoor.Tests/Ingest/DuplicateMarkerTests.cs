using System.Text;
using Spoor.Evidence;
using Spoor.Ingest;

namespace Spoor.Tests.Ingest;

public sealed class DuplicateMarkerTests
{
    private const string Pooky = "Mar 27 14:59:06 pooky kernel: DROP IN=eth0 OUT= SRC=38.31.117.17 DST=192.0.2.204 LEN=48 TOS=0x00 PREC=0x00 TTL=116 ID=2221 DF PROTO=TCP SPT=2443 DPT=12345 WINDOW=8192 RES=0x00 SYN URGP=0";

    private static List<Observation> Marked(string log)
    {
        using var source = InputOpener.Open(new MemoryStream(Encoding.UTF8.GetBytes(log)), new InputAccounting(0, "log"), new IngestOptions { Year = 2000 });
        var marker = new DuplicateMarker();
        var all = new List<Observation>();
        while (source.TryRead(out var o))
        {
            marker.Mark(ref o);
            all.Add(o);
        }

        return all;
    }

    [Fact]
    public void OnePacketLoggedByTwoHosts_IsMarkedOnceWithTheFirstRecord()
    {
        var log = Pooky + "\n" + Pooky.Replace("14:59:06 pooky", "14:59:07 morton", StringComparison.Ordinal) + "\n";
        var records = Marked(log);
        records[0].Has(ObservationFields.Duplicate).Should().BeFalse();
        records[1].Has(ObservationFields.Duplicate).Should().BeTrue();
        records[1].DuplicateOf.Should().Be(EvidenceRef.Line(0, 1));
    }

    [Fact]
    public void OneHostLoggingTheSamePacketTwice_IsARetransmissionNotADuplicate()
    {
        Marked(Pooky + "\n" + Pooky + "\n").Should().OnlyContain(o => !o.Has(ObservationFields.Duplicate));
    }

    [Theory]
    [InlineData("ID=2221", "ID=2222")]
    [InlineData("SPT=2443", "SPT=2444")]
    [InlineData("14:59:06 pooky", "14:59:09 morton")]
    public void DifferentIdPortOrTimeBeyondTheWindow_IsADifferentPacket(string from, string to)
    {
        var other = Pooky.Replace(from, to, StringComparison.Ordinal).Replace("pooky", "morton", StringComparison.Ordinal);
        Marked(Pooky + "\n" + other + "\n").Should().OnlyContain(o => !o.Has(ObservationFields.Duplicate));
    }

    [Fact]
    public void StateStaysWithinItsBound_AndEvictionsAreCounted()
    {
        var marker = new DuplicateMarker(TimeSpan.FromHours(1), maxEntries: 100);
        for (var i = 0; i < 1000; i++)
        {
            var o = default(Observation);
            o.Time = new Timestamp(i * 1_000_000L, 6);
            o.Source = HostAddress.FromIPv4((uint)i);
            o.Destination = HostAddress.FromIPv4(1);
            o.IpId = 7;
            o.Set(ObservationFields.Time | ObservationFields.Source | ObservationFields.Destination | ObservationFields.IpId);
            marker.Mark(ref o);
        }

        marker.Evicted.Should().Be(900);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ALoneSensorsRecordsAreReplayedWhenASecondSensorSpeaks_MarkingAsIfKeptAllAlong(int seed)
    {
        // One sensor's records for a while (the marker only queues them), then a second sensor's copies of some of
        // them, in and out of the window, amid more of both: the marks equal those of a marker that kept its table
        // from the first record.
        var random = new Random(seed);
        var records = new List<Observation>();
        var time = 0L;
        for (var i = 0; i < 3000; i++)
        {
            time += random.Next(0, 20_000_000);
            var o = default(Observation);
            o.Time = new Timestamp(time, 9);
            o.Source = HostAddress.FromIPv4((uint)random.Next(1, 40));
            o.Destination = HostAddress.FromIPv4(2);
            o.IpId = (uint)random.Next(0, 30);
            o.InterfaceId = i < 1500 ? 0u : (uint)random.Next(0, 2);
            o.Set(ObservationFields.Time | ObservationFields.Source | ObservationFields.Destination | ObservationFields.IpId | ObservationFields.Interface);
            records.Add(o);
        }

        var lazy = new DuplicateMarker(TimeSpan.FromSeconds(2), maxEntries: 1000);
        var eager = new DuplicateMarker(TimeSpan.FromSeconds(2), maxEntries: 1000, awake: true);
        var lazyMarks = records.Select(r => lazy.Mark(ref r)).ToList();
        var eagerMarks = records.Select(r => eager.Mark(ref r)).ToList();

        lazyMarks.Should().Equal(eagerMarks);
        lazyMarks.Should().Contain(true, "the second sensor repeats some of the first's packets within the window");
    }

    [Fact]
    public void Seed001Detect5_TheSnortAlertIsTheSamePacketPookysFirewallLogged()
    {
        // Three hosts' ipchains logs and a Snort sensor saw the NetBus sweep; Snort's alert for
        // 38.31.117.17:2443 -> .204:12345, IP ID 2221, is the packet pooky's firewall denied.
        var result = Analyzer.Run(
            [TestPaths.Data("seeds", "001_d5-ipchains.log"), TestPaths.Data("seeds", "001_d5.log")],
            new IngestOptions { Year = 2000 });

        result.Inputs[0].Duplicates.Should().Be(0);
        result.Inputs[1].Duplicates.Should().Be(1);
    }
}
