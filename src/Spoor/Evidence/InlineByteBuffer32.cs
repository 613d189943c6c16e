using System.Runtime.CompilerServices;

namespace Spoor.Evidence;

/// <summary>Thirty-two bytes held inline, the storage behind <see cref="Observation.PayloadHead"/>.</summary>
[InlineArray(Capacity)]
public struct InlineByteBuffer32
{
    public const int Capacity = 32;
    private byte _element;
}
