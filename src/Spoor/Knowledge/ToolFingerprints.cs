using System.Globalization;

namespace Spoor.Knowledge;

/// <summary>
/// Known packet-crafting tools and the header values they give themselves away by (<c>tool-fingerprints.tsv</c>,
/// sources in its header): the libnet sample programs, zmap, masscan, hping3, unicornscan.
/// </summary>
public static class ToolFingerprints
{
    private const string ResourceName = "Spoor.Knowledge.tool-fingerprints.tsv";
    private const int ToolColumn = 0;
    private const int IpIdColumn = 1;
    private const int SequenceColumn = 2;
    private const int AckColumn = 3;
    private const int WindowColumn = 4;
    private const int RuleColumn = 5;
    private const int TtlColumn = 6;
    private const int ColumnCount = 7;
    private const string Any = "-";

    private static readonly Lazy<IReadOnlyList<ToolFingerprint>> Table = new(Load);

    /// <summary>Every fingerprint, in table order (a detector keeps its match counts by this index).</summary>
    public static IReadOnlyList<ToolFingerprint> All => Table.Value;

    /// <summary>The index in <see cref="All"/> of the first fingerprint with <paramref name="rule"/>, or -1.</summary>
    public static int IndexOf(FingerprintRule rule)
    {
        var all = Table.Value;
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Rule == rule) return i;
        }

        return -1;
    }

    private static List<ToolFingerprint> Load()
    {
        var list = new List<ToolFingerprint>();
        foreach (var row in KnowledgeTable.Rows(ResourceName, ColumnCount))
        {
            var rule = row[RuleColumn] switch
            {
                "none" => FingerprintRule.None,
                "masscan-ipid" => FingerprintRule.MasscanIpId,
                "ack-without-ack-flag" => FingerprintRule.AckWithoutAckFlag,
                "unicornscan-key" => FingerprintRule.UnicornscanKey,
                _ => throw new InvalidOperationException($"{ResourceName}: unknown rule {row[RuleColumn]}"),
            };
            list.Add(new ToolFingerprint(row[ToolColumn], Number(row[IpIdColumn]), Number(row[SequenceColumn]), Number(row[AckColumn]),
                (ushort?)Number(row[WindowColumn]), rule, (byte?)Number(row[TtlColumn])));
        }

        return list;
    }

    private static uint? Number(string cell) => cell == Any ? null : uint.Parse(cell, NumberStyles.None, CultureInfo.InvariantCulture);
}
