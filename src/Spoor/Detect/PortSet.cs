namespace Spoor.Detect;

/// <summary>
/// The distinct ports a finding or a candidate touched. Most hold a handful of ports, so a small sorted array
/// is used until it passes <see cref="SmallLimit"/>, then a 65,536-bit set (8 KiB) whose counting stays exact and
/// bounded whatever the traffic. The contract's list is the lowest <see cref="ListLimit"/> in ascending order.
/// Mergeable: the union of two sets is the set one process would have built.
/// </summary>
public sealed class PortSet
{
    public const int ListLimit = 256;

    /// <summary>Above this many ports the bitmap (8 KiB) is smaller than the array and faster to search.</summary>
    private const int SmallLimit = 256;

    private const int BitmapWords = 65536 / 64;

    private ushort[] _small = [];
    private ulong[]? _bits;

    public int Count { get; private set; }

    public bool Add(ushort port)
    {
        if (_bits is not null) return AddBit(port);

        var at = Array.BinarySearch(_small, 0, Count, port);
        if (at >= 0) return false;
        at = ~at;
        if (Count == SmallLimit)
        {
            ToBitmap();
            return AddBit(port);
        }

        if (Count == _small.Length) Array.Resize(ref _small, Math.Max(4, _small.Length * 2));
        Array.Copy(_small, at, _small, at + 1, Count - at);
        _small[at] = port;
        Count++;
        return true;
    }

    public bool Contains(ushort port) =>
        _bits is not null ? (_bits[port >> 6] & (1UL << (port & 63))) != 0 : Array.BinarySearch(_small, 0, Count, port) >= 0;

    public void UnionWith(PortSet other)
    {
        if (other._bits is null)
        {
            for (var i = 0; i < other.Count; i++) Add(other._small[i]);
            return;
        }

        if (_bits is null) ToBitmap();
        var count = 0;
        for (var i = 0; i < BitmapWords; i++)
        {
            _bits![i] |= other._bits[i];
            count += System.Numerics.BitOperations.PopCount(_bits[i]);
        }

        Count = count;
    }

    /// <summary>The lowest <paramref name="limit"/> ports in ascending order.</summary>
    public IReadOnlyList<int> Lowest(int limit = ListLimit)
    {
        var list = new List<int>(Math.Min(limit, Count));
        if (_bits is null)
        {
            for (var i = 0; i < Count && list.Count < limit; i++) list.Add(_small[i]);
            return list;
        }

        for (var i = 0; i < BitmapWords && list.Count < limit; i++)
        {
            var word = _bits[i];
            while (word != 0 && list.Count < limit)
            {
                list.Add(i * 64 + System.Numerics.BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }

        return list;
    }

    private bool AddBit(ushort port)
    {
        ref var word = ref _bits![port >> 6];
        var mask = 1UL << (port & 63);
        if ((word & mask) != 0) return false;
        word |= mask;
        Count++;
        return true;
    }

    private void ToBitmap()
    {
        _bits = new ulong[BitmapWords];
        for (var i = 0; i < Count; i++) _bits[_small[i] >> 6] |= 1UL << (_small[i] & 63);
        _small = [];
    }
}
