namespace Spoor.Evidence;

/// <summary>The 802.1Q / 802.1ad VLAN ids of a frame, outermost first; two are kept, deeper stacks are counted.</summary>
public readonly record struct VlanTags(ushort Outer, ushort Inner, byte Count)
{
    public VlanTags Push(ushort id) => Count switch
    {
        0 => new VlanTags(id, 0, 1),
        1 => new VlanTags(Outer, id, 2),
        _ => new VlanTags(Outer, Inner, (byte)Math.Min(Count + 1, byte.MaxValue)),
    };
}
