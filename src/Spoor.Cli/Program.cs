using System.CommandLine;
using Spectre.Console;
using Spoor.Ingest;
using Spoor.Report;

namespace Spoor.Cli;

/// <summary>The <c>spoor</c> command: argument parsing, progress and terminal output; all analysis is in the library.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildCommands(stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"spoor: {error.Message}");
            stderr.WriteLine("Try 'spoor --help'.");
            return ExitCodes.UsageOrInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"spoor: {e.Message}");
            return ExitCodes.UsageOrInput;
        }
    }

    private static RootCommand BuildCommands(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "Spoor reads packet captures (pcap, pcapng) and sensor and firewall logs (gzip-compressed or not, '-' for standard input) and finds " +
            "reconnaissance and spoofing in them.\n\nExamples:\n  spoor analyze capture.pcap\n  spoor analyze --format json -o report.json day1.pcapng day2.pcap.gz\n" +
            "  spoor inspect --format jsonl capture.pcap | head\n\nExit codes: 0 done, 1 findings at or above --fail-on, 2 usage or unreadable input, 3 internal error.");
        root.Subcommands.Add(InspectCommand(stdout, stderr));
        root.Subcommands.Add(AnalyzeCommand(stdout, stderr));
        return root;
    }

    private static Argument<string[]> FilesArgument(string description)
    {
        var files = new Argument<string[]>("files") { Description = description, Arity = ArgumentArity.OneOrMore };
        // Without this, a mistyped option would be taken for a file name and reported as a missing file.
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-') result.AddError($"unknown option '{token.Value}'");
            }
        });
        return files;
    }

    private static Option<int?> YearOption() => new("--year")
    {
        Description = "Year for log timestamps that have none (syslog, Snort). Default: inferred from each file's modification time.",
    };

    private static Option<string> ZoneOption() => new("--tz")
    {
        Description = "Time zone of logs written in local time: UTC, an offset such as +02:00, or a name such as Europe/Berlin.",
        DefaultValueFactory = _ => "UTC",
    };

    private static Option<DateOnly?> DateOption() => new("--date")
    {
        Description = "Date (yyyy-mm-dd) for lines that carry only a time of day, such as tcpdump text.",
    };

    private static IngestOptions? ReadIngestOptions(ParseResult parse, Option<int?> year, Option<string> zone, Option<DateOnly?> date, TextWriter stderr)
    {
        if (!IngestOptions.TryParseZone(parse.GetValue(zone) ?? "UTC", out var tz, out var error))
        {
            stderr.WriteLine($"spoor: {error}");
            return null;
        }

        return new IngestOptions { Year = parse.GetValue(year), Zone = tz, Date = parse.GetValue(date) };
    }

    private static Command InspectCommand(TextWriter stdout, TextWriter stderr)
    {
        var files = FilesArgument("Captures and logs to decode, in order ('-' reads standard input).");
        var format = new Option<string>("--format", "-f")
        {
            Description = "text: one record per entry like 'tcpdump -nn -v'; jsonl: one JSON object per record (docs/inspect-jsonl.md).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "jsonl");
        var merge = new Option<bool>("--merge")
        {
            Description = "Interleave the inputs in time order and mark records of one packet from several sensors (duplicate_of). " +
                "Without it, inputs print one after another and duplicates are marked within each input.",
        };
        var (year, zone, date) = (YearOption(), ZoneOption(), DateOption());
        var command = new Command("inspect", "Decode every record of the inputs and print it, in input order; problems go to stderr.") { files, format, merge, year, zone, date };
        command.SetAction(parse => ReadIngestOptions(parse, year, zone, date, stderr) is { } options
            ? Inspect(parse.GetValue(files)!, parse.GetValue(format)!, parse.GetValue(merge), options, stdout, stderr)
            : ExitCodes.UsageOrInput);
        return command;
    }

    private static Command AnalyzeCommand(TextWriter stdout, TextWriter stderr)
    {
        var files = FilesArgument("Captures and logs to analyse together ('-' reads standard input).");
        var format = new Option<string>("--format", "-f")
        {
            Description = "text (terminal), json (the spoor/1 contract), md (Markdown report) or html.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "md", "html");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var (year, zone, date) = (YearOption(), ZoneOption(), DateOption());
        var command = new Command("analyze", "Read the inputs, find reconnaissance and spoofing, and report with evidence.") { files, format, output, year, zone, date };
        command.Aliases.Add("analyse");
        command.SetAction(parse => ReadIngestOptions(parse, year, zone, date, stderr) is { } options
            ? Analyze(parse.GetValue(files)!, parse.GetValue(format)!, parse.GetValue(output), options, stdout, stderr)
            : ExitCodes.UsageOrInput);
        return command;
    }

    private static int Inspect(string[] files, string format, bool merge, IngestOptions options, TextWriter stdout, TextWriter stderr)
    {
        using var raw = stdout == Console.Out ? Console.OpenStandardOutput() : null;
        using var buffered = raw is null ? null : new BufferedStream(raw, 1 << 16);
        using var jsonl = format == "jsonl" ? new InspectJsonlWriter(buffered is null ? new TextWriterStream(stdout) : buffered) : null;
        var text = format == "text" ? new InspectTextWriter(stdout) : null;
        var sources = new List<IObservationSource>();
        for (var i = 0; i < files.Length; i++) sources.Add(InputOpener.Open(files[i], i, options));

        void Print(in Spoor.Evidence.Observation observation)
        {
            if (jsonl is not null) jsonl.Write(observation);
            else text!.Write(observation);
        }

        if (merge)
        {
            var duplicates = new DuplicateMarker(options.DuplicateWindow);
            using var merger = new ObservationMerger(sources);
            while (merger.TryRead(out var observation))
            {
                duplicates.Mark(ref observation);
                Print(observation);
            }
        }
        else
        {
            foreach (var source in sources)
            {
                using (source)
                {
                    var duplicates = new DuplicateMarker(options.DuplicateWindow);
                    while (source.TryRead(out var observation))
                    {
                        duplicates.Mark(ref observation);
                        Print(observation);
                    }
                }
            }
        }

        buffered?.Flush();
        stdout.Flush();
        foreach (var source in sources) ReportProblems(source.Accounting, stderr);
        return sources.Any(s => s is UnreadableSource) ? ExitCodes.UsageOrInput : ExitCodes.Success;
    }

    private static void ReportProblems(InputAccounting accounting, TextWriter stderr)
    {
        foreach (var p in accounting.Problems) stderr.WriteLine($"spoor: {accounting.Path}: {p.Location}: {p.Message}");
        if (accounting.ProblemsTotal > accounting.Problems.Count)
        {
            stderr.WriteLine($"spoor: {accounting.Path}: {accounting.ProblemsTotal - accounting.Problems.Count} more problems not listed");
        }
    }

    private static int Analyze(string[] files, string format, FileInfo? output, IngestOptions options, TextWriter stdout, TextWriter stderr)
    {
        var result = ProgressDisplay.Run(progress => Analyzer.Run(files, options, progress));
        if (output is not null)
        {
            using var file = output.Create();
            Render(result, format, file, null);
        }
        else if (format == "text")
        {
            var console = stdout == Console.Out && !Console.IsOutputRedirected ? AnsiConsole.Console : PlainConsole(stdout);
            TerminalReport.Write(result, console);
        }
        else
        {
            using var stream = new TextWriterStream(stdout);
            Render(result, format, stream, stdout);
        }

        foreach (var input in result.Inputs.Where(i => i.Format == "unknown"))
        {
            stderr.WriteLine($"spoor: {input.Path}: {(input.Problems.Count > 0 ? input.Problems[0].Message : "unreadable")}");
        }

        return result.AnyUnreadable ? ExitCodes.UsageOrInput : ExitCodes.Success;
    }

    // Files and pipes get no colour codes and a width that does not wrap paths.
    private static IAnsiConsole PlainConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 240;
        return console;
    }

    private static void Render(AnalysisResult result, string format, Stream stream, TextWriter? writer)
    {
        if (format == "json")
        {
            AnalysisJsonWriter.Write(result, stream);
            return;
        }

        var text = writer ?? new StreamWriter(stream, leaveOpen: true);
        switch (format)
        {
            case "md":
                MarkdownReportWriter.Write(result, text);
                break;
            case "html":
                HtmlReportWriter.Write(result, text);
                break;
            default:
                TerminalReport.Write(result, PlainConsole(text));
                break;
        }

        text.Flush();
        if (writer is null) text.Dispose();
    }
}
