namespace Spoor.Detect;

/// <summary>
/// The distinct ports a finding touched, kept as a 65,536-bit set (8 KiB) so counting is exact and
/// bounded whatever the traffic; the contract's list is the first <see cref="ListLimit"/> in ascending order.
/// Mergeable: the union of two sets is the set one process would have built.
/// </summary>
public sealed class PortSet
{
    public const int ListLimit = 256;

    private readonly ulong[] _bits = new ulong[65536 / 64];

    public int Count { get; private set; }

    public bool Add(ushort port)
    {
        ref var word = ref _bits[port >> 6];
        var mask = 1UL << (port & 63);
        if ((word & mask) != 0) return false;
        word |= mask;
        Count++;
        return true;
    }

    public bool Contains(ushort port) => (_bits[port >> 6] & (1UL << (port & 63))) != 0;

    public void UnionWith(PortSet other)
    {
        var count = 0;
        for (var i = 0; i < _bits.Length; i++)
        {
            _bits[i] |= other._bits[i];
            count += System.Numerics.BitOperations.PopCount(_bits[i]);
        }

        Count = count;
    }

    /// <summary>The lowest <paramref name="limit"/> ports in ascending order.</summary>
    public IReadOnlyList<int> Lowest(int limit = ListLimit)
    {
        var list = new List<int>(Math.Min(limit, Count));
        for (var i = 0; i < _bits.Length && list.Count < limit; i++)
        {
            var word = _bits[i];
            while (word != 0 && list.Count < limit)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                list.Add(i * 64 + bit);
                word &= word - 1;
            }
        }

        return list;
    }
}
