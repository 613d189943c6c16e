using Spoor.Evidence;

namespace Spoor.Ingest;

/// <summary>An input that could not be opened or whose format was not recognised: no records, one problem saying why.</summary>
public sealed class UnreadableSource : IObservationSource
{
    public UnreadableSource(InputAccounting accounting, string reason)
    {
        Accounting = accounting;
        Reason = reason;
        accounting.Report(new IngestProblem(accounting.Input, null, null, reason));
    }

    public InputAccounting Accounting { get; }

    public string Reason { get; }

    public double? Progress => 1;

    public bool TryRead(out Observation observation)
    {
        observation = default;
        return false;
    }

    public void Dispose()
    {
    }
}
