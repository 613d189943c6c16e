using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>The stable order findings are reported in (and numbered F1, F2, … by): so output is byte-identical run to run.</summary>
public sealed class FindingOrder : IComparer<Finding>
{
    public static FindingOrder Instance { get; } = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = x.FirstSeen.UnixNanoseconds.CompareTo(y.FirstSeen.UnixNanoseconds);
        if (c != 0) return c;
        c = x.Kind.CompareTo(y.Kind);
        if (c != 0) return c;
        c = CompareHosts(x.Sources, y.Sources);
        if (c != 0) return c;
        c = CompareHosts(x.Targets, y.Targets);
        if (c != 0) return c;
        c = Nullable.Compare(x.Technique, y.Technique);
        if (c != 0) return c;
        c = x.LastSeen.UnixNanoseconds.CompareTo(y.LastSeen.UnixNanoseconds);
        return c != 0 ? c : string.CompareOrdinal(x.Detector, y.Detector);
    }

    private static int CompareHosts(IReadOnlyList<HostAddress> a, IReadOnlyList<HostAddress> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }

        return a.Count.CompareTo(b.Count);
    }
}
