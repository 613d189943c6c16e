using System.Runtime.CompilerServices;

namespace Spoor.Evidence;

/// <summary>Sixteen bytes held inline, the storage behind <see cref="SmallByteList"/>.</summary>
[InlineArray(Capacity)]
public struct InlineByteBuffer16
{
    public const int Capacity = 16;
    private byte _element;
}
