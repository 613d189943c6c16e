using System.Globalization;
using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// What tcpdump 3.x's ip_print writes after the transport: <c>(frag id:len@off+)</c> and/or <c>(DF)</c>, then
/// <c>[tos 0x10]</c> (with ECN words in later versions) when the TOS is not zero, <c>[ttl 1]</c> when the TTL is
/// 0 or 1, and with <c>-v</c> <c>(ttl 49, id 469[, len 60][, bad cksum …!])</c>. Items come in that order for one IP header, which is how the quoted
/// header's items are told from the outer header's in an ICMP error.
/// </summary>
internal struct TcpdumpIpTrailer
{
    public const int RankFragment = 1;
    public const int RankTos = 2;
    public const int RankTtl = 3;
    public const int RankVerbose = 4;

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

    /// <summary>Items read; the rank of the last one.</summary>
    public int Items;
    public int LastRank;

    /// <summary>A group was cut before its closing bracket.</summary>
    public bool Incomplete;

    /// <summary>
    /// Reads one trailer item at the scanner's position, as a trailer of that one item (its rank in
    /// <see cref="LastRank"/>), to be merged with <see cref="Add"/>; false (position unchanged) when the text there
    /// is not a trailer item.
    /// </summary>
    public static bool TryRead(ref TextScanner s, out TcpdumpIpTrailer item)
    {
        item = default;
        var rest = s.Rest;
        if (rest.StartsWith("(DF)"))
        {
            s.Position += 4;
            item = Item(RankFragment) with { DontFragment = true };
            return true;
        }

        if (rest.StartsWith("(frag "))
        {
            // (frag 469:20@1480+): id, payload length, byte offset, '+' while more fragments follow.
            var close = rest.IndexOf(')');
            var body = close < 0 ? rest[6..] : rest[6..close];
            s.Position += close < 0 ? rest.Length : close + 1;
            item = Item(RankFragment) with { Incomplete = close < 0 };
            var colon = body.IndexOf(':');
            var at = body.IndexOf('@');
            if (colon > 0 && at > colon && uint.TryParse(body[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                var offsetText = body[(at + 1)..];
                var more = offsetText.EndsWith('+');
                if (more) offsetText = offsetText[..^1];
                if (int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                {
                    item.Fragment = true;
                    item.FragmentId = id;
                    item.FragmentOffset = offset;
                    item.MoreFragments = more;
                }
            }

            return true;
        }

        if (rest.StartsWith("[tos "))
        {
            var close = rest.IndexOf(']');
            var body = close < 0 ? rest[5..] : rest[5..close];
            s.Position += close < 0 ? rest.Length : close + 1;
            item = Item(RankTos) with { Incomplete = close < 0 };
            // "[tos 0x20]" or with ECN words after a comma: "[tos 0x2,ECT(0)]".
            var end = body.IndexOfAny(',', ' ');
            var hex = end < 0 ? body : body[..end];
            if (hex.StartsWith("0x") && byte.TryParse(hex[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var tos))
            {
                item.HasTos = true;
                item.Tos = tos;
            }

            return true;
        }

        if (rest.StartsWith("[ttl "))
        {
            var close = rest.IndexOf(']');
            var body = close < 0 ? rest[5..] : rest[5..close];
            s.Position += close < 0 ? rest.Length : close + 1;
            item = Item(RankTtl) with { Incomplete = close < 0 };
            if (byte.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var ttl))
            {
                item.HasTtl = true;
                item.Ttl = ttl;
            }

            return true;
        }

        if (rest.StartsWith("(ttl") || rest.StartsWith("(id "))
        {
            var close = rest.IndexOf(')');
            var body = close < 0 ? rest[1..] : rest[1..close];
            s.Position += close < 0 ? rest.Length : close + 1;
            item = Item(RankVerbose) with { Incomplete = close < 0 };
            ReadVerboseGroup(body, ref item);
            return true;
        }

        return false;
    }

    /// <summary>Adds an item (as <see cref="TryRead"/> gives it) to this header's trailer.</summary>
    public void Add(in TcpdumpIpTrailer item)
    {
        Items++;
        LastRank = item.LastRank;
        Incomplete |= item.Incomplete;
        if (item.DontFragment) DontFragment = true;
        if (item.Fragment)
        {
            Fragment = true;
            FragmentId = item.FragmentId;
            FragmentOffset = item.FragmentOffset;
            MoreFragments = item.MoreFragments;
        }

        if (item.HasTos)
        {
            HasTos = true;
            Tos = item.Tos;
        }

        if (item.HasTtl)
        {
            HasTtl = true;
            Ttl = item.Ttl;
        }

        if (item.HasId)
        {
            HasId = true;
            Id = item.Id;
        }

        if (item.HasLength)
        {
            HasLength = true;
            Length = item.Length;
        }
    }

    /// <summary>
    /// Sets what the trailer states. With <paramref name="complete"/> (a tcpdump 3.x line read to its end) the
    /// absence of an item is a statement too: tcpdump 3.x prints <c>(DF)</c> whenever DF is set on an
    /// unfragmented packet and <c>[tos …]</c> whenever the TOS is not zero, so a complete line without them had
    /// DF clear, no fragmentation and TOS 0.
    /// </summary>
    public readonly void ApplyTo(ref Observation o, bool complete)
    {
        if (Fragment)
        {
            // Some 3.x versions print (DF) beside (frag …), others never do: only a printed DF is known.
            o.FragmentOffset = FragmentOffset;
            o.MoreFragments = MoreFragments;
            o.IpId = FragmentId;
            o.Set(ObservationFields.Fragment | ObservationFields.IpId);
            if (DontFragment)
            {
                o.DontFragment = true;
                o.Set(ObservationFields.DontFragment);
            }
        }
        else if (complete)
        {
            o.FragmentOffset = 0;
            o.MoreFragments = false;
            o.DontFragment = DontFragment;
            o.Set(ObservationFields.Fragment | ObservationFields.DontFragment);
        }
        else if (DontFragment)
        {
            o.DontFragment = true;
            o.Set(ObservationFields.DontFragment);
        }

        if (HasTos || complete)
        {
            o.Tos = HasTos ? Tos : (byte)0;
            o.Set(ObservationFields.Tos);
        }

        if (HasTtl)
        {
            o.Ttl = Ttl;
            o.Set(ObservationFields.Ttl);
        }

        if (HasId)
        {
            o.IpId = Id;
            o.Set(ObservationFields.IpId);
        }

        if (HasLength)
        {
            o.IpLength = Length;
            o.Set(ObservationFields.IpLength);
        }
    }

    // "ttl 49, id 469", "id 43796", "ttl 64, id 1, len 60", "ttl 64, id 1, len 60, bad cksum 1234!".
    private static TcpdumpIpTrailer Item(int rank) => new() { Items = 1, LastRank = rank };

    private static void ReadVerboseGroup(ReadOnlySpan<char> body, ref TcpdumpIpTrailer item)
    {
        foreach (var range in body.Split(','))
        {
            var part = body[range].Trim();
            var space = part.IndexOf(' ');
            if (space < 0) continue;
            var key = part[..space];
            var value = part[(space + 1)..].Trim();
            if (key.SequenceEqual("ttl") && byte.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ttl))
            {
                item.HasTtl = true;
                item.Ttl = ttl;
            }
            else if (key.SequenceEqual("id") && uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                item.HasId = true;
                item.Id = id;
            }
            else if (key.SequenceEqual("len") && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                item.HasLength = true;
                item.Length = length;
            }
        }
    }
}
