namespace Spoor.Ingest.Text;

/// <summary>One item of a tcpdump 3.x IP trailer (<c>(DF)</c>, <c>[tos 0x20]</c>, <c>(ttl 49, id 469)</c>) and its place in the order tcpdump prints them.</summary>
internal struct TcpdumpIpTrailerItem(int rank)
{
    public readonly int Rank = rank;
    public bool DontFragment;
    public bool Fragment;
    public uint FragmentId;
    public int FragmentOffset;
    public bool MoreFragments;
    public bool HasTos;
    public byte Tos;
    public bool HasTtl;
    public byte Ttl;
    public bool HasId;
    public uint Id;
    public bool HasLength;
    public int Length;
    public bool Incomplete;
}
