namespace Spoor.Ingest;

/// <summary>
/// The books of one input: every record is read, skipped with a reason, or failed with a location, and
/// the counts add up. Problems are kept up to <see cref="MaxProblemsKept"/> and counted beyond it, so a
/// wholly corrupt file cannot exhaust memory.
/// </summary>
public sealed class InputAccounting
{
    /// <summary>Enough to diagnose any file by eye; a corrupt multi-gigabyte file must not keep millions.</summary>
    public const int MaxProblemsKept = 1000;

    private readonly List<IngestProblem> _problems = [];
    private readonly SortedDictionary<string, long> _skippedReasons = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _ignoredBlocks = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];

    public InputAccounting(int input, string path)
    {
        Input = input;
        Path = path;
    }

    public int Input { get; }

    public string Path { get; }

    /// <summary>The format the sniffer chose (<c>pcap</c>, <c>pcapng</c>, …), or <c>unknown</c>.</summary>
    public string Format { get; set; } = "unknown";

    /// <summary>Every record met: decoded + skipped + failed.</summary>
    public long Records => Decoded + Skipped + Failed;

    /// <summary>Records turned into observations (possibly partly, with a problem reported).</summary>
    public long Decoded { get; private set; }

    /// <summary>Records deliberately not decoded, each with a reason in <see cref="SkippedReasons"/>.</summary>
    public long Skipped { get; private set; }

    /// <summary>Records that could not be read at all; each has a located problem.</summary>
    public long Failed { get; private set; }

    /// <summary>Records that decoded partly and carry a problem (counted within <see cref="Decoded"/>).</summary>
    public long DecodedWithProblems { get; private set; }

    public long ProblemsTotal { get; private set; }

    /// <summary>Records recognised as a packet another sensor had already logged (counted within <see cref="Decoded"/>).</summary>
    public long Duplicates { get; private set; }

    /// <summary>Bytes of the input consumed so far (after decompression); read by progress reporting.</summary>
    public long BytesRead { get; internal set; }

    /// <summary>Total size of the input file in bytes where known (for progress), else null.</summary>
    public long? BytesTotal { get; internal set; }

    public IReadOnlyList<IngestProblem> Problems => _problems;

    public IReadOnlyDictionary<string, long> SkippedReasons => _skippedReasons;

    /// <summary>Container blocks that carry no packets (statistics, name resolution, unknown types), by kind.</summary>
    public IReadOnlyDictionary<string, long> IgnoredBlocks => _ignoredBlocks;

    public IReadOnlyList<string> Notes => _notes;

    public void CountDecoded() => Decoded++;

    public void CountDecodedWithProblem(IngestProblem problem)
    {
        Decoded++;
        DecodedWithProblems++;
        Report(problem);
    }

    public void CountDuplicate() => Duplicates++;

    public void CountSkipped(string reason)
    {
        Skipped++;
        _skippedReasons[reason] = _skippedReasons.GetValueOrDefault(reason) + 1;
    }

    public void CountFailed(IngestProblem problem)
    {
        Failed++;
        Report(problem);
    }

    public void CountIgnoredBlock(string kind) => _ignoredBlocks[kind] = _ignoredBlocks.GetValueOrDefault(kind) + 1;

    /// <summary>Records a problem that is not tied to one record (a bad file header, a corrupt block).</summary>
    public void Report(IngestProblem problem)
    {
        ProblemsTotal++;
        if (_problems.Count < MaxProblemsKept)
        {
            _problems.Add(problem);
        }
    }

    public void AddNote(string note)
    {
        if (!_notes.Contains(note))
        {
            _notes.Add(note);
        }
    }
}
