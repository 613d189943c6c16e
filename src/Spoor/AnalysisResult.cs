using Spoor.Detect;
using Spoor.Ingest;

namespace Spoor;

/// <summary>What one run of <see cref="Analyzer"/> produced: the books of every input, in command-line order, and the findings in report order.</summary>
public sealed record AnalysisResult(IReadOnlyList<InputAccounting> Inputs, IReadOnlyList<Finding> Findings)
{
    public long TotalRecords => Inputs.Sum(i => i.Records);

    public bool AnyUnreadable => Inputs.Any(i => i.Format == "unknown");
}
