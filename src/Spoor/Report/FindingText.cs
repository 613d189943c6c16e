using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spoor.Detect;
using Spoor.Evidence;

namespace Spoor.Report;

/// <summary>Words for a finding, shared by the terminal, Markdown and HTML renderers: the same sentence everywhere.</summary>
public static class FindingText
{
    private const int HostsShown = 5;
    private const int EvidenceShown = 8;

    /// <summary>Coded attributes a report words, in the order it prints them, each with the label of its line.</summary>
    private static readonly (string Attribute, string Label)[] CodedAttributes =
    [
        ("intent", "intent"),
        ("interpretation", "reading"),
        ("fixed_source_port_meaning", "fixed source port"),
        ("confidence_basis", "confidence"),
    ];

    /// <summary>One line: what, how, who, against whom, how much, when, how sure.</summary>
    public static string Summary(Finding f)
    {
        var s = new StringBuilder();
        s.Append(FindingVocabulary.Name(f.Kind));
        s.Append(" (").Append(f.Technique is { } t ? FindingVocabulary.Name(t) + ", " : string.Empty).Append(FindingVocabulary.Name(f.Protocol)).Append(')');
        s.Append(" from ").Append(Hosts(f.Sources));
        if (f.Targets.Count > 0) s.Append(" to ").Append(Hosts(f.Targets));
        if (f.PortCount > 0) s.Append(CultureInfo.InvariantCulture, $", {f.PortCount} port{(f.PortCount == 1 ? string.Empty : "s")}");
        s.Append(CultureInfo.InvariantCulture, $", {f.Packets} packet{(f.Packets == 1 ? string.Empty : "s")}");
        s.Append(", ").Append(f.FirstSeen.ToIsoString());
        if (f.LastSeen.UnixNanoseconds != f.FirstSeen.UnixNanoseconds) s.Append(" to ").Append(f.LastSeen.ToIsoString());
        s.Append(CultureInfo.InvariantCulture, $", confidence {f.Confidence:0.00}");
        if (f.Tool is { } tool) s.Append(", tool ").Append(tool);
        if (f.Spoofing.Verdict != SpoofingVerdict.Unknown) s.Append(", sources ").Append(FindingVocabulary.Name(f.Spoofing.Verdict));
        return s.ToString();
    }

    /// <summary>Where the evidence is: the first records, and how many in all.</summary>
    public static string EvidenceLine(Finding f)
    {
        var shown = f.Evidence.Take(EvidenceShown).Select(e => $"input {e.Input} {e}");
        var more = f.EvidenceTotal > EvidenceShown ? $" … ({f.EvidenceTotal} records in all)" : string.Empty;
        return "evidence: " + string.Join(", ", shown) + more;
    }

    /// <summary>
    /// The finding's coded readings in words, one line each: intent, interpretation, the meaning of a fixed source
    /// port, the tool fingerprint matched, what the confidence rests on, and links to sweeps that visited the same
    /// targets in the same order.
    /// </summary>
    public static IReadOnlyList<string> Readings(Finding f)
    {
        var lines = new List<string>();
        foreach (var (attribute, label) in CodedAttributes)
        {
            // The fingerprint first: the confidence line counts the packets that carry it.
            if (attribute == "confidence_basis" && f.Attributes["tool_basis"] is JsonObject basis) lines.Add(ToolBasisLine(f, basis));
            if (f.Attributes[attribute] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                lines.Add(label + ": " + Phrase(f, attribute, value.GetValue<string>()));
            }
        }

        if (f.Attributes["same_target_order_as"] is JsonArray links)
        {
            foreach (var link in links)
            {
                if (link is JsonObject earlier) lines.Add(SameOrderLine(earlier));
            }
        }

        return lines;
    }

    /// <summary>
    /// The sentence for <paramref name="code"/> of <paramref name="attribute"/>, filled from the finding; the code
    /// itself when the table has no sentence for it or the finding lacks a value the sentence names.
    /// </summary>
    public static string Phrase(Finding f, string attribute, string code) =>
        FindingPhrases.TryGet(attribute, code, out var sentence) && TryFill(sentence, f, out var text) ? text : code;

    private static bool TryFill(string sentence, Finding f, out string text)
    {
        var s = new StringBuilder();
        var at = 0;
        while (at < sentence.Length)
        {
            var open = sentence.IndexOf('{', at);
            var close = open < 0 ? -1 : sentence.IndexOf('}', open);
            if (close < 0)
            {
                s.Append(sentence, at, sentence.Length - at);
                break;
            }

            s.Append(sentence, at, open - at);
            var parts = sentence[(open + 1)..close].Split('|');
            if (!TryValue(f, parts[0], out var value, out var number) || (parts.Length > 1 && number is null))
            {
                text = string.Empty;
                return false;
            }

            s.Append(value);
            if (parts.Length == 3) s.Append(' ').Append(number == 1 ? parts[1] : parts[2]);
            at = close + 1;
        }

        text = s.ToString();
        return true;
    }

    /// <summary>A placeholder's value: a count of the finding, its tool, or a number or string attribute.</summary>
    private static bool TryValue(Finding f, string name, out string value, out double? number)
    {
        long? count = name switch
        {
            "packets" => f.Packets,
            "sources" => f.Sources.Count,
            "targets" => (long?)Number(f.Attributes["targets_total"]) ?? f.Targets.Count,
            "ports" => f.PortCount,
            _ => null,
        };
        if (count is { } c)
        {
            value = c.ToString(CultureInfo.InvariantCulture);
            number = c;
            return true;
        }

        number = null;
        if (name == "tool")
        {
            value = f.Tool ?? string.Empty;
            return f.Tool is not null;
        }

        if (f.Attributes[name] is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.String:
                    value = v.GetValue<string>();
                    return true;
                case JsonValueKind.Number:
                    value = v.ToJsonString();
                    number = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
                    return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>What the tool's fingerprint matched: constant header values (seq and ack in hex, as tools and papers quote them) and its rule.</summary>
    private static string ToolBasisLine(Finding f, JsonObject basis)
    {
        var parts = new List<string>();
        if (Number(basis["ip_id"]) is { } id) parts.Add(string.Create(CultureInfo.InvariantCulture, $"IP ID {id}"));
        if (Number(basis["seq"]) is { } seq) parts.Add(string.Create(CultureInfo.InvariantCulture, $"seq 0x{seq:X}"));
        if (Number(basis["ack"]) is { } ack) parts.Add(string.Create(CultureInfo.InvariantCulture, $"ack 0x{ack:X}"));
        if (Number(basis["window"]) is { } window) parts.Add(string.Create(CultureInfo.InvariantCulture, $"window {window}"));
        if (basis["rule"] is JsonValue rule && rule.GetValueKind() == JsonValueKind.String) parts.Add(Phrase(f, "tool_basis.rule", rule.GetValue<string>()));
        return (f.Tool is { } tool ? tool + " fingerprint: " : "tool fingerprint: ") + string.Join(", ", parts);
    }

    /// <summary>A whole number attribute, or null for anything else (never throws on an unexpected shape).</summary>
    private static ulong? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && ulong.TryParse(v.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A link to an earlier sweep driven from the same target list (seed 001: "the same systems table").</summary>
    private static string SameOrderLine(JsonObject earlier)
    {
        var s = new StringBuilder("same target order as the sweep");
        if (Words(earlier["ports"]) is { Length: > 0 } ports) s.Append(" of port ").Append(ports);
        if (Words(earlier["sources"]) is { Length: > 0 } sources) s.Append(" from ").Append(sources);
        if (Words(earlier["first_seen"]) is { Length: > 0 } first) s.Append(" first seen ").Append(first);
        if (Words(earlier["targets_count"]) is { Length: > 0 } targets) s.Append(" (").Append(targets).Append(" targets)");
        if (Words(earlier["common_targets"]) is { Length: > 0 } common)
        {
            s.Append(": ").Append(common).Append(" targets in common");
            if (earlier["order_agreement"] is JsonValue agreement && agreement.GetValueKind() == JsonValueKind.Number)
            {
                var percent = Math.Round(double.Parse(agreement.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) * 100);
                s.Append(CultureInfo.InvariantCulture, $", {percent}% visited in the same order");
            }
        }

        return s.Append("; one list of targets drove both").ToString();
    }

    /// <summary>A value or an array of values as text; empty for anything else, so a malformed link never throws.</summary>
    private static string Words(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        JsonArray a => string.Join(", ", a.Select(Words)),
        _ => string.Empty,
    };

    private static string Hosts(IReadOnlyList<HostAddress> hosts) =>
        hosts.Count <= HostsShown
            ? string.Join(", ", hosts)
            : string.Join(", ", hosts.Take(HostsShown)) + string.Create(CultureInfo.InvariantCulture, $" and {hosts.Count - HostsShown} more");
}
