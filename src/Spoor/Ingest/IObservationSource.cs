using Spoor.Evidence;

namespace Spoor.Ingest;

/// <summary>A stream of observations from one input, in input order, with the input's books.</summary>
public interface IObservationSource : IDisposable
{
    InputAccounting Accounting { get; }

    /// <summary>Fraction of the input consumed, 0–1, where the input's size is known; safe to read from another thread.</summary>
    double? Progress { get; }

    /// <summary>
    /// True when every record comes from one sensor (a classic pcap: one link, one interface), so no record of
    /// it alone can duplicate another sensor's; lets a single-capture analysis skip duplicate marking.
    /// </summary>
    bool IsSingleSensor => false;

    /// <summary>Reads the next observation; false at the end. Bad records are counted and reported, never thrown.</summary>
    bool TryRead(out Observation observation);
}
