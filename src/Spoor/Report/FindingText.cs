using System.Globalization;
using System.Text;
using Spoor.Detect;
using Spoor.Evidence;

namespace Spoor.Report;

/// <summary>Words for a finding, shared by the terminal, Markdown and HTML renderers: the same sentence everywhere.</summary>
public static class FindingText
{
    private const int HostsShown = 5;
    private const int EvidenceShown = 8;

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

    private static string Hosts(IReadOnlyList<HostAddress> hosts) =>
        hosts.Count <= HostsShown
            ? string.Join(", ", hosts)
            : string.Join(", ", hosts.Take(HostsShown)) + string.Create(CultureInfo.InvariantCulture, $" and {hosts.Count - HostsShown} more");
}
