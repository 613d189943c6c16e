using BenchmarkDotNet.Running;

namespace Spoor.Bench;

/// <summary>
/// Spoor's benchmarks. <c>decode [--packets N] [--passes K] [--capture FILE]</c> measures whole-file decode
/// throughput against tcpdump on a synthetic capture (made once under bench/out/); <c>text [--lines N]</c> measures
/// reading a synthetic iptables log against <c>wc -l</c>; <c>micro</c> runs the
/// BenchmarkDotNet per-frame decoder benchmarks.
/// </summary>
public static class Program
{
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

        var packets = 2_000_000;
        var passes = 3;
        string? capture = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "decode": break;
                case "--packets": packets = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--passes": passes = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--capture": capture = args[++i]; break;
                default:
                    Console.Error.WriteLine("usage: Spoor.Bench [decode] [--packets N] [--passes K] [--capture FILE] | text [--lines N] | micro");
                    return 2;
            }
        }

        if (capture is null)
        {
            capture = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "out", $"synthetic-{packets}.pcap");
            if (!File.Exists(capture))
            {
                Console.WriteLine($"writing {packets:N0}-packet synthetic capture to {Path.GetFullPath(capture)}");
                SyntheticCapture.Write(capture, packets, distinctSources: 100_000);
            }
        }

        return DecodeThroughput.Run(Path.GetFullPath(capture), passes);
    }
}
