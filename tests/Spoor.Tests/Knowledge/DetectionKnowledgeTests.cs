using Spoor.Evidence;
using Spoor.Knowledge;

namespace Spoor.Tests.Knowledge;

public sealed class DetectionKnowledgeTests
{
    [Fact]
    public void TrojanTable_KeysByProtocol()
    {
        TrojanPorts.TryGet(TransportProtocol.Tcp, 12345, out var netbus).Should().BeTrue();
        netbus.Should().Contain("NetBus");
        TrojanPorts.TryGet(TransportProtocol.Udp, 12345, out _).Should().BeFalse();
        TrojanPorts.TryGet(TransportProtocol.Udp, 31337, out var bo).Should().BeTrue();
        bo.Should().Contain("Back Orifice");
    }

    [Fact]
    public void ServiceTable_PrefersTheSpecificRowOverTheRange()
    {
        ProbeServices.TryGet(TransportProtocol.Tcp, 32773, out var tooltalk).Should().BeTrue();
        tooltalk.Name.Should().Be("tooltalk");
        ProbeServices.TryGet(TransportProtocol.Tcp, 32771, out var rpc).Should().BeTrue();
        rpc.Name.Should().Be("sunrpc-high");
        ProbeServices.TryGet(TransportProtocol.None, 161, out var snmp).Should().BeTrue("a log without the protocol matches either");
        snmp.Name.Should().Be("snmp");
    }

    [Fact]
    public void OsProbeMatch_FindsTheFirstMatchingRow_AsAScanOfEveryRowWould()
    {
        // Match looks only at the rows of the packet's protocol, TCP flags and window: over every capture and log under
        // tests/data it must name the same row as trying every row in table order.
        var files = Directory.EnumerateFiles(TestPaths.Data(), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal) || f.EndsWith(".log", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var matched = new HashSet<int>();
        long checkedRecords = 0;
        foreach (var file in files)
        {
            foreach (var o in Spoor.Tests.Ingest.Decoded.File(file).Observations)
            {
                var scan = -1;
                for (var i = 0; i < OsProbes.All.Count && scan < 0; i++)
                {
                    if (OsProbes.All[i].Matches(o)) scan = i;
                }

                OsProbes.Match(o).Should().Be(scan, $"{o.Evidence} of {file}");
                if (scan >= 0) matched.Add(scan);
                checkedRecords++;
            }
        }

        checkedRecords.Should().BeGreaterThan(1000);
        // nmap -O (fixtures/nmap-os.pcap) sends the SEQ, ECN, T2-T7, U1 and IE probes: the index must find each.
        matched.Select(i => OsProbes.All[i].Name).Should().Contain(["nmap2 SEQ1", "nmap2 SEQ6", "nmap2 ECN", "nmap2 T2", "nmap2 T3", "nmap2 T7", "nmap2 U1", "nmap2 IE1"]);
    }

    [Fact]
    public void ToolAndOsProbeTables_Load()
    {
        ToolFingerprints.All.Select(f => f.Tool).Should().Contain(["libnet", "zmap", "masscan", "hping3", "unicornscan"]);
        ToolFingerprints.All.Single(f => f.Tool == "unicornscan").Rule.Should().Be(FingerprintRule.UnicornscanKey);
        OsProbes.All.Should().Contain(p => p.Name == "nmap2 T3" && p.Tool == "nmap" && p.Generation == "nmap2" && p.Module == "T3");
        OsProbes.All.Where(p => p.Tool == "xprobe2").Select(p => p.Module).Should().Contain(["icmp_echo", "icmp_tstamp", "icmp_port_unreach", "tcp_rst"]);
        OsProbes.All.Single(p => p.Name == "xprobe2 icmp_echo").Checks.IcmpCode.Should().Be(123);
        OsProbes.All.Single(p => p.Name == "xprobe2 icmp_port_unreach").Checks.PayloadLengths.Should().Equal(76, 80);
        OsProbes.All.Where(p => p.Tool == "nmap").Should().OnlyContain(p => !p.Ordinary, "every nmap probe is odd on its own");
        OsProbes.All.Where(p => p.Ordinary).Select(p => p.Module).Should().BeEquivalentTo(["icmp_tstamp", "icmp_amask", "icmp_info", "icmp_port_unreach", "tcp_hshake", "udp_ping"]);
        NotableSourcePorts.TryGetMeaning(31337, out _).Should().BeTrue();
    }

    [Fact]
    public void Seed003Detect3Payload_IsABackOrificePingUnderTheDefaultKey()
    {
        // The 19 UDP payload bytes of seed 003 detect 3 (216.223.94.152.3272 > 256.0.0.1.12345: udp 19).
        var payload = Convert.FromHexString("ce63d1d216e713cf38a5a586b2754b99aa3258");

        BackOrificePacket.TryRecognise(payload, out var type).Should().BeTrue();
        type.Should().Be(1, "type 1 is BO's ping");
        BackOrificePacket.TryRecognise(payload, out _, key: 1).Should().BeFalse();
    }

    [Fact]
    public void BackOrificeCommandTable_NamesTheCommandNumbers()
    {
        BackOrificePacket.TryGetCommandName(1, out var ping).Should().BeTrue();
        ping.Should().Be("ping");
        BackOrificePacket.TryGetCommandName(0x3F, out var last).Should().BeTrue();
        last.Should().Be("application-list");
        BackOrificePacket.TryGetCommandName(0x1A, out _).Should().BeFalse("0x1a-0x1f are not in the protocol description");
    }
}
