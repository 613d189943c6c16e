using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Spoor.Evidence;
using Spoor.Ingest;

namespace Spoor.Tests.Ingest.Text;

/// <summary>
/// Every prefix of every line of the firewall, router and host-log fixtures (a line cut anywhere, as a truncated log
/// or a careless paste leaves it) decodes, is skipped or fails with a location, and never throws.
/// </summary>
public sealed class FirewallFormatRobustnessTests
{
    public static TheoryData<string> Fixtures() =>
    [
        "seeds/001_d1.log",
        "seeds/001_d3.log",
        "seeds/001_d4.log",
        "seeds/001_d5-ipchains.log",
        "seeds/004_d1.log",
        "public/prelude-lml-rules/ipchains.samples.log",
        "public/prelude-lml-rules/ipfw.samples.log",
        "public/prelude-lml-rules/cisco-router.samples.log",
        "public/prelude-lml-rules/cisco-asa.samples.log",
        "public/prelude-lml-rules/portsentry.samples.log",
        "public/ossec-hids/contrib/ossec-testing/tests/cisco_ios.log",
        "public/ossec-hids/contrib/ossec-testing/tests/pix.log",
    ];

    // The start of a record of each format, so arbitrary text after it reaches the format's own parsing.
    private static readonly string[] Markers =
    [
        "Mar 27 14:59:06 pooky kernel: Packet log: input DENY eth0 PROTO=",
        "Mar 24 01:54:58 h kernel: securityalert: tcp if=ef0 from ",
        "Feb  3 16:02:18 h /kernel: ipfw: 100 Deny ",
        "Aug 4 10:17:54 r 1: Aug 4 10:17:53.949 EST: %SEC-6-IPACCESSLOGP: list ",
        "Aug 4 10:17:54 r 1: %IPS-4-SIGNATURE: Sig:1 ",
        "Nov  2 18:03:14 pix %PIX-4-106023: Deny ",
        "Nov  2 18:03:14 pix %ASA-6-106100: access-list ",
        "Mar 22 04:38:13 dns1 telnetd[1]: warning: /etc/hosts.allow, line 17: host name/address mismatch: ",
        "Mar 22 04:38:13 dns1 telnetd[1]: refused connect from ",
        "May 11 23:29:48 h portsentry[791]: attackalert: ",
        "Aug 4 10:17:54 myhostname 3272392: Aug 4 10:17:53.949 EST:\n",
        "Mar 24 01:54:58 h kernel:\n",
    ];

    [Property(MaxTest = 300)]
    public Property AnyTextAfterAFormatsMarker_IsAccountedFor() =>
        Prop.ForAll(Gen.Elements(Markers).ToArbitrary(), ArbMap.Default.ArbFor<string>(), (marker, tail) =>
        {
            var decoded = FirewallLogDecode.Of(marker.Replace("\\n", "\n", StringComparison.Ordinal) + (tail ?? string.Empty));
            return decoded.Books.Records == decoded.Books.Decoded + decoded.Books.Skipped + decoded.Books.Failed;
        });

    [Fact]
    public void DecodingManyLines_AllocatesNothingPerLine()
    {
        // One month throughout: a block that jumped across months would make the year inference roll every copy.
        var block = string.Join('\n',
        [
            "Mar 27 14:59:06 pooky kernel: Packet log: input DENY eth0 PROTO=6 38.31.117.17:2440 10.0.0.201:12345 L=48 S=0x00 I=1453 F=0x4000 T=116 SYN",
            "Mar 27 14:59:06 www kernel: Packet log:\ninput DENY eth0 PROTO=6\n38.31.117.17:2444 xxx.xxx.xxx.205:12345\nL=48 S=0x00 I=2477 F=0x4000 T=116 SYN",
            "Mar 27 01:54:58 h kernel:\nsecurityalert: tcp if=ef0 from\n24.3.57.38:11111 to 24.3.21.199 on unserved port 12345",
            "Mar 27 16:02:18 lhotse /kernel: ipfw: 65000 Deny UDP 200.65.7.49:1033 12.34.56.78:137 in via tun0",
            "Mar 27 10:17:54 myhostname 3272392: Mar 27 10:17:53.949 EST:\n%SEC-6-IPACCESSLOGP: list inboundACLname denied tcp 127.0.0.1(80)\n(Ethernet0/1 000b.bf55.4c70) -> my.public.ip.x(1515), 1 packet",
            "Mar 27 10:25:29 10.10.10.1 %IPS-4-SIGNATURE: Sig:3051 Subsig:1 Sev:4 TCP Connection Window Size DoS [192.168.100.11:51654 -> 10.10.10.10:4444]",
            "Mar 27 19:34:42 smf 78.90.12.34/56.78.90.12 :Mar 27 12:31:46 PDT: %ASA-session-2-106007: Deny inbound UDP from 12.34.56.78/1048 to 90.12.34.56/53 due to DNS Query",
            "Mar 27 18:03:14 pix %ASA-6-106100: access-list outside_in denied tcp outside/1.2.3.4(4455) -> inside/5.6.7.8(80) hit-cnt 7 300-second interval [0x5c2a3b1f, 0x0]",
            "Mar 27 04:38:13 dns1 telnetd[220834]: warning:\n/etc/hosts.allow, line 17: host name/address mismatch:\n194.90.83.130 != ras5.iet.co.il",
            "Mar 27 04:38:16 dns3 in.telnetd[19860]: refused\nconnect from 194.90.83.130",
            "Mar 27 23:29:48 icecube portsentry[791]: attackalert: SYN/Normal scan from host: server1.miniclip.com/64.23.60.30 to TCP port: 443",
            "Mar 27 11:17:21 pix %PIX-5-111001: Begin configuration: console writing to memory",
        ]) + "\n";

        static long AllocatedFor(string text, int copies)
        {
            var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text, copies)));
            var options = new IngestOptions { Year = 2000 };
            var before = GC.GetAllocatedBytesForCurrentThread();
            using (var source = InputOpener.Open(new MemoryStream(bytes), new InputAccounting(0, "memory"), options))
            {
                while (source.TryRead(out _))
                {
                }
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        AllocatedFor(block, 50);
        var few = AllocatedFor(block, 100);
        var many = AllocatedFor(block, 1100);
        var perRecord = (many - few) / (1000.0 * 12);
        perRecord.Should().BeLessThan(1, $"the text readers decode into a reused observation (allocated {few} bytes for 100 blocks, {many} for 1100)");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryPrefixOfEveryLine_IsAccountedFor(string fixture)
    {
        foreach (var line in File.ReadAllLines(TestPaths.Data(fixture.Split('/'))))
        {
            for (var cut = 1; cut <= line.Length; cut++)
            {
                FirewallLogDecode.Of(line[..cut]).ShouldBeAccountedFor();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void WholeFixtureCutAfterAnyLine_IsAccountedFor(string fixture)
    {
        var lines = File.ReadAllLines(TestPaths.Data(fixture.Split('/')));
        for (var count = 1; count <= lines.Length; count++)
        {
            FirewallLogDecode.Of(string.Join('\n', lines[..count])).ShouldBeAccountedFor();
        }
    }
}
