namespace Spoor.Detect;

/// <summary>
/// Contact arrays the scan detector's sources have grown out of, kept by length (powers of two up to
/// <see cref="MaxPooledLength"/>) for the next source that grows. Sources grow all the time and one after another, so
/// an array given back is soon taken again: without this, every source's arrays of 1, 2, 4, … contacts became garbage
/// as it grew, as much again as the contacts held (on the probes workload about 200 MB of 310 MB allocated).
/// Contents are not cleared: a source reads only the contacts it wrote.
/// </summary>
public sealed class ScanContactArrays
{
    /// <summary>The largest length kept: longer arrays belong to the few large scanners and are left to the collector.</summary>
    public const int MaxPooledLength = 64;

    /// <summary>Arrays kept per length, which bounds the pool at about 2.3 MB (256 × 127 contacts of 72 bytes).</summary>
    private const int PerLength = 256;

    private readonly Stack<ScanContact[]>[] _free;

    public ScanContactArrays()
    {
        _free = new Stack<ScanContact[]>[System.Numerics.BitOperations.Log2(MaxPooledLength) + 1];
        for (var i = 0; i < _free.Length; i++) _free[i] = new Stack<ScanContact[]>();
    }

    /// <summary>An array of <paramref name="length"/> contacts (a power of two), given back earlier or new.</summary>
    public ScanContact[] Rent(int length)
    {
        if (length <= MaxPooledLength && _free[System.Numerics.BitOperations.Log2((uint)length)].TryPop(out var array)) return array;
        return new ScanContact[length];
    }

    /// <summary>Keeps an array its source no longer uses, if its length is pooled and there is room.</summary>
    public void Return(ScanContact[] array)
    {
        var length = array.Length;
        if (length > MaxPooledLength || !System.Numerics.BitOperations.IsPow2(length)) return;
        var free = _free[System.Numerics.BitOperations.Log2((uint)length)];
        if (free.Count < PerLength) free.Push(array);
    }
}
