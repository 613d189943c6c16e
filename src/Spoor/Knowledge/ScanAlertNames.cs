using Spoor.Detect;

namespace Spoor.Knowledge;

/// <summary>
/// Sensor messages that name a scan technique (<c>scan-alerts.tsv</c>, from the Snort 1.x scan rules and the
/// spp_portscan log types), for records that carry the message but not the flags or the protocol.
/// </summary>
public static class ScanAlertNames
{
    private const string ResourceName = "Spoor.Knowledge.scan-alerts.tsv";
    private const int MessageColumn = 0;
    private const int TechniqueColumn = 1;
    private const int ProtocolColumn = 2;

    private static readonly Lazy<Dictionary<string, (ScanTechnique Technique, FindingProtocol Protocol)>> Table = new(Load);

    /// <summary>The technique and protocol a sensor message names (whole text, case-insensitive); false for other messages.</summary>
    public static bool TryGet(string message, out ScanTechnique technique, out FindingProtocol protocol)
    {
        if (Table.Value.TryGetValue(message.Trim(), out var entry))
        {
            technique = entry.Technique;
            protocol = entry.Protocol;
            return true;
        }

        technique = default;
        protocol = default;
        return false;
    }

    private static Dictionary<string, (ScanTechnique, FindingProtocol)> Load()
    {
        var techniques = new Dictionary<string, ScanTechnique>(StringComparer.Ordinal);
        foreach (var t in Enum.GetValues<ScanTechnique>()) techniques.Add(FindingVocabulary.Name(t), t);
        var protocols = new Dictionary<string, FindingProtocol>(StringComparer.Ordinal);
        foreach (var p in Enum.GetValues<FindingProtocol>()) protocols.Add(FindingVocabulary.Name(p), p);

        var table = new Dictionary<string, (ScanTechnique, FindingProtocol)>(StringComparer.OrdinalIgnoreCase);
        using var stream = typeof(ScanAlertNames).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (header)
            {
                header = false;
                continue;
            }

            var columns = line.Split('\t');
            // A bad row is a bug in the shipped table: fail loudly the first time it loads.
            table.Add(columns[MessageColumn], (techniques[columns[TechniqueColumn]], protocols[columns[ProtocolColumn]]));
        }

        return table;
    }
}
