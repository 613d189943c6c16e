using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Spoor.Detect;
using Spoor.Evidence;
using Spoor.Knowledge;
using Spoor.Report;
using Spoor.Tests.Detect;

namespace Spoor.Tests.Report;

public sealed partial class FindingTextTests
{
    private static readonly string[] CodedAttributes = ["intent", "interpretation", "fixed_source_port_meaning", "confidence_basis"];

    [Fact]
    public void CodedAttributes_AreWordedWithTheFindingsNumbers()
    {
        var finding = Crafted(packets: 2, new JsonObject
        {
            ["confidence_basis"] = "crafted-packets-and-tool-fingerprint",
            ["tool_matches"] = 2,
            ["interpretation"] = "listener-below-stack-or-tool-test",
            ["fixed_source_port"] = 31337,
            ["fixed_source_port_meaning"] = "hacker-signature-port",
        });

        FindingText.Readings(finding).Should().Equal(
            "reading: no stack answers FIN+RST+PSH, open port or closed, so these probes learn nothing about ports: "
                + "a listener below the stack (a libpcap backdoor) or a test of a crafting tool is the likelier purpose",
            "fixed source port: \"eleet\" (31337), a hacker's signature port chosen by hand; not Back Orifice, which listens on UDP 31337 and does not send from it",
            "confidence: 2 crafted packets, 2 of them carrying the libnet fingerprint");
    }

    [Fact]
    public void ToolBasis_QuotesTheConstantsInTheToolsOwnTerms_AndWordsItsRule()
    {
        var finding = Crafted(packets: 2, new JsonObject
        {
            ["tool_basis"] = new JsonObject { ["ip_id"] = 242, ["seq"] = 662933, ["ack"] = 83, ["rule"] = "ack-without-ack-flag" },
            ["confidence_basis"] = "crafted-packets",
        });

        FindingText.Readings(finding).Should().Equal(
            "libnet fingerprint: IP ID 242, seq 0xA1D95, ack 0x53, an acknowledgement number without the ACK flag",
            "confidence: 2 packets with header values no ordinary stack sends");
    }

    [Fact]
    public void ToolBasisWithAnUnknownRuleOrOddValues_RendersTheCodeAndDoesNotThrow()
    {
        var finding = Crafted(packets: 2, new JsonObject
        {
            ["tool_basis"] = new JsonObject { ["ip_id"] = "not a number", ["seq"] = -1, ["window"] = 1024, ["rule"] = "future-rule" },
        });

        FindingText.Readings(finding).Should().Equal("libnet fingerprint: window 1024, future-rule");
    }

    [Fact]
    public void CountWord_FollowsTheCount()
    {
        FindingText.Phrase(Crafted(packets: 1, []), "confidence_basis", "crafted-packets").Should().Be("1 packet with header values no ordinary stack sends");
        FindingText.Phrase(Crafted(packets: 3, []), "confidence_basis", "crafted-packets").Should().Be("3 packets with header values no ordinary stack sends");
    }

    [Fact]
    public void TargetCount_IsTheTotalWhereTheListWasCut()
    {
        var finding = Crafted(packets: 3000, new JsonObject { ["probes"] = 3000, ["targets_total"] = 2000 });

        FindingText.Phrase(finding, "confidence_basis", "repeated-service-probes").Should().Be("3000 probes of the service from one source to 2000 targets");
        FindingText.Phrase(finding with { Attributes = new JsonObject { ["probes"] = 2 } }, "confidence_basis", "repeated-service-probes")
            .Should().Be("2 probes of the service from one source to 1 target");
    }

    [Fact]
    public void UnknownCode_RendersAsTheCodeItself()
    {
        var finding = Crafted(packets: 2, new JsonObject { ["intent"] = "steal-the-moon", ["interpretation"] = 42 });

        FindingText.Phrase(finding, "intent", "steal-the-moon").Should().Be("steal-the-moon");
        FindingText.Readings(finding).Should().Equal("intent: steal-the-moon");
    }

    [Fact]
    public void SentenceNamingAValueTheFindingLacks_RendersAsTheCode()
    {
        // distinct-os-probes names {distinct_probes}, absent here.
        var finding = Crafted(packets: 2, new JsonObject { ["confidence_basis"] = "distinct-os-probes" });

        FindingText.Readings(finding).Should().Equal("confidence: distinct-os-probes");
    }

    [Fact]
    public void SameOrderLink_NamesTheEarlierSweep_AndAMalformedLinkDoesNotThrow()
    {
        var finding = Crafted(packets: 40, new JsonObject
        {
            ["same_target_order_as"] = new JsonArray(
                new JsonObject
                {
                    ["sources"] = new JsonArray("209.235.11.254"),
                    ["ports"] = new JsonArray(110),
                    ["first_seen"] = "2000-03-24T04:05:48.586092Z",
                    ["targets_count"] = 27,
                    ["common_targets"] = 26,
                    ["order_agreement"] = 0.9615,
                },
                new JsonObject { ["ports"] = new JsonObject() },
                "not an object"),
        });

        FindingText.Readings(finding).Should().Equal(
            "same target order as the sweep of port 110 from 209.235.11.254 first seen 2000-03-24T04:05:48.586092Z (27 targets): "
                + "26 targets in common, 96% visited in the same order; one list of targets drove both",
            "same target order as the sweep; one list of targets drove both");
    }

    [Fact]
    public void EveryKnowledgeCode_IsKebabCase_AndHasASentence()
    {
        var codes = new List<(string Attribute, string Code)>();
        for (var port = 0; port <= ushort.MaxValue; port++)
        {
            foreach (var protocol in new[] { TransportProtocol.Tcp, TransportProtocol.Udp })
            {
                if (ProbeServices.TryGet(protocol, (ushort)port, out var service)) codes.Add(("intent", service.Intent));
            }

            if (NotableSourcePorts.TryGetMeaning((ushort)port, out var meaning)) codes.Add(("fixed_source_port_meaning", meaning));
        }

        codes.Should().Contain(("intent", "open-proxy-relay")).And.Contain(("fixed_source_port_meaning", "filter-bypass-dns"));
        foreach (var (attribute, code) in codes.Distinct())
        {
            code.Should().MatchRegex(KebabCase().ToString());
            FindingPhrases.TryGet(attribute, code, out _).Should().BeTrue($"{attribute} {code} needs a sentence in finding-phrases.tsv");
        }

        FindingPhrases.Codes.Should().OnlyContain(c => KebabCase().IsMatch(c.Code));
    }

    [Theory]
    [MemberData(nameof(FindingExpectationTests.Expectations), MemberType = typeof(FindingExpectationTests))]
    public void EveryCodeADetectorEmits_IsWordedInFull(string name)
    {
        var spec = JsonNode.Parse(File.ReadAllText(TestPaths.Data("expected-findings", name + ".json")))!.AsObject();
        var inputs = spec["inputs"]!.AsArray().Select(n => TestPaths.Data(n!.GetValue<string>())).ToList();
        var result = Analyzer.Run(inputs, FindingExpectationTests.ParseArgs(spec["args"]?.GetValue<string>()));

        foreach (var f in result.Findings)
        {
            foreach (var attribute in CodedAttributes)
            {
                if (f.Attributes[attribute] is not JsonValue value) continue;
                var code = value.GetValue<string>();
                code.Should().MatchRegex(KebabCase().ToString(), $"{attribute} is a code, not a sentence");
                FindingText.Phrase(f, attribute, code).Should().NotBe(code, $"{attribute} {code} of {f.Kind} should read as a sentence");
            }

            if (f.Attributes["tool_basis"]?["rule"] is JsonValue rule)
            {
                FindingText.Phrase(f, "tool_basis.rule", rule.GetValue<string>()).Should().NotBe(rule.GetValue<string>());
            }

            FindingText.Readings(f).Should().NotContain(line => line.Contains('{', StringComparison.Ordinal));
        }
    }

    private static Finding Crafted(long packets, JsonObject attributes) => new()
    {
        Kind = FindingKind.CraftedPackets,
        Technique = ScanTechnique.FinRstPsh,
        Protocol = FindingProtocol.Tcp,
        Sources = [HostAddress.FromIPv4(0xC0A00D04)],
        Targets = [HostAddress.FromIPv4(0xAC100165)],
        FirstSeen = Timestamp.FromUnixMicroseconds(958842405, 61034),
        LastSeen = Timestamp.FromUnixMicroseconds(958842418, 685879),
        Packets = packets,
        Confidence = 0.85,
        Tool = "libnet",
        Evidence = [],
        EvidenceTotal = packets,
        Attributes = attributes,
        Detector = "test",
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
