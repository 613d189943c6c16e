using System.Text;
using FsCheck.Xunit;
using Spoor.Ingest;

namespace Spoor.Tests.Ingest.Text;

/// <summary>Snort lines cut, spliced and shuffled anyhow decode or yield located problems; nothing throws, every record is counted.</summary>
public sealed class SnortTextProperties
{
    private static readonly Lazy<string[]> SnortLines = new(() =>
    [
        .. Directory.EnumerateFiles(TestPaths.Data("seeds"), "*.log").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines),
        "[**] [1:402:4] ICMP Destination Unreachable [**]",
        "[Classification: Misc activity] [Priority: 3]",
        "ICMP TTL:255 TOS:0xC0 ID:1 IpLen:20 DgmLen:56",
        "Type:3  Code:3  DESTINATION UNREACHABLE: PORT UNREACHABLE",
        "** ORIGINAL DATAGRAM DUMP:",
        "** END OF DUMP",
        "TCP Options (5) => MSS: 1460 NOP WS: 10 SackOK TS: 123456 0",
        "IP Options (2) => RR Opt 148: 0000",
        "Frag Offset: 0x00B9   Frag Size: 0x0010",
        "=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+",
        "spp_portscan: portscan status from 1.2.3.4: 12 connections across 1 hosts: TCP(12), UDP(0)",
    ]);

    [Property(MaxTest = 400)]
    public bool SplicedSnortLines_AreAllAccountedFor(int[] picks, byte[] cuts)
    {
        var pool = SnortLines.Value;
        var text = new StringBuilder();
        for (var i = 0; i < picks.Length; i++)
        {
            var line = pool[(int)((uint)picks[i] % (uint)pool.Length)];
            var cut = i < cuts.Length ? cuts[i] : 255;
            // Cut the line short, or splice in the start of another one, or keep it whole.
            if (cut < line.Length) line = cut % 2 == 0 ? line[..cut] : line[..cut] + pool[cut % pool.Length];
            text.Append(line).Append(cut % 7 == 0 ? "\n\n" : "\n");
        }

        var books = new InputAccounting(0, "spliced");
        using var source = InputOpener.Open(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), books, new IngestOptions { Year = 2000 });
        while (source.TryRead(out _))
        {
        }

        return books.Records == books.Decoded + books.Skipped + books.Failed
            && books.Problems.All(p => p.Location.Length > 0 && p.Message.Length > 0);
    }
}
