using BenchmarkDotNet.Running;

namespace Spoor.Bench;

/// <summary>
/// Spoor's benchmarks. <c>decode [--packets N] [--passes K] [--capture FILE]</c> measures whole-file decode
/// throughput against tcpdump on a synthetic capture (made once under bench/out/); <c>text [--lines N]</c> measures
/// reading a synthetic iptables log against <c>wc -l</c>; <c>micro</c> runs the
/// BenchmarkDotNet per-frame decoder benchmarks; <c>detect [--packets N] [--passes K] [--capture FILE]</c> measures
/// decode only against the full pipeline with every detector on, on the same capture; <c>memory [--packets N]
/// [--sources S] [--sample SECONDS]</c> streams a generated capture through the full pipeline and samples memory.
/// </summary>
public static class Program
{
    private static string OutDirectory => Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "out");

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "micro")
        {
            BenchmarkRunner.Run<DecoderMicroBenchmarks>(args: args[1..]);
            return 0;
        }

        if (args.Length > 0 && args[0] == "text")
        {
            var lines = args.Length > 2 && args[1] == "--lines" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
            var log = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "out", $"netfilter-{lines}.log");
            if (!File.Exists(log))
            {
                Console.WriteLine($"writing {lines:N0}-line synthetic iptables log to {Path.GetFullPath(log)}");
                SyntheticNetfilterLog.Write(log, lines);
            }

            return TextThroughput.Run(Path.GetFullPath(log), passes: 3);
        }

        if (args.Length > 0 && args[0] == "memory")
        {
            long memoryPackets = 10_000_000;
            var sources = 1_000_000;
            var sample = 1;
            for (var i = 1; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--packets": memoryPackets = long.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                    case "--sources": sources = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                    case "--sample": sample = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                    default:
                        Console.Error.WriteLine("usage: Spoor.Bench memory [--packets N] [--sources S] [--sample SECONDS]");
                        return 2;
                }
            }

            return MemoryProfile.Run(Path.GetFullPath(OutDirectory), memoryPackets, sources, sample);
        }

        var detect = args.Length > 0 && args[0] == "detect";
        var packets = 2_000_000;
        var passes = detect ? 5 : 3; // detect: five alternating pairs, for a median ratio
        string? capture = null;
        string[] workloads = detect ? ["site", "probes"] : ["probes"];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "decode": break;
                case "detect": break;
                case "--packets": packets = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--passes": passes = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--capture": capture = args[++i]; break;
                case "--workload" when i + 1 < args.Length && args[i + 1] is "site" or "probes": workloads = [args[++i]]; break;
                default:
                    Console.Error.WriteLine("usage: Spoor.Bench [decode|detect] [--packets N] [--passes K] [--capture FILE] [--workload site|probes] | text [--lines N] | memory [--packets N] [--sources S] [--sample SECONDS] | micro");
                    return 2;
            }
        }

        if (capture is not null)
        {
            return detect ? DetectionThroughput.Run(Path.GetFullPath(capture), passes) : DecodeThroughput.Run(Path.GetFullPath(capture), passes);
        }

        var status = 0;
        foreach (var workload in workloads)
        {
            // "site": a border capture's mix, mostly established connections; "probes": every packet a first contact.
            var path = Path.GetFullPath(Path.Combine(OutDirectory, workload == "site" ? $"site-{packets}.pcap" : $"synthetic-{packets}.pcap"));
            if (!File.Exists(path))
            {
                Console.WriteLine($"writing {packets:N0}-packet '{workload}' capture to {path}");
                SyntheticCapture.Write(path, packets, workload == "site" ? new SiteTraffic(backgroundSources: 100_000) : new SyntheticTraffic(distinctSources: 100_000));
            }

            Console.WriteLine($"workload: {workload}");
            status |= detect ? DetectionThroughput.Run(path, passes) : DecodeThroughput.Run(path, passes);
        }

        return status;
    }
}
