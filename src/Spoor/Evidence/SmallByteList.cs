using System.Diagnostics.CodeAnalysis;

namespace Spoor.Evidence;

/// <summary>
/// An ordered list of up to sixteen bytes held inline (TCP option kinds, IPv4 option types), so an
/// observation keeps option order without an array per packet. Adds past the capacity are counted in
/// <see cref="Overflow"/>, not stored.
/// </summary>
public struct SmallByteList
{
    private InlineByteBuffer16 _items;

    public int Count { get; private set; }

    public int Overflow { get; private set; }

    public void Add(byte value)
    {
        if (Count < InlineByteBuffer16.Capacity)
        {
            _items[Count++] = value;
        }
        else
        {
            Overflow++;
        }
    }

    [UnscopedRef]
    public readonly ReadOnlySpan<byte> AsSpan() => ((ReadOnlySpan<byte>)_items)[..Count];

    public void Clear()
    {
        Count = 0;
        Overflow = 0;
    }
}
