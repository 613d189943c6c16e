namespace Spoor.Detect;

/// <summary>Whether a numeric field stayed constant, or stepped by +1 each time or at least rose (a counter), across a flow.</summary>
internal struct FieldTrack
{
    public bool Seen { get; private set; }

    public uint First { get; private set; }

    public uint Last { get; private set; }

    public bool Constant { get; private set; }

    public bool Increments { get; private set; }

    /// <summary>Every value above the one before: a counter some of whose steps were not seen (a missed beat).</summary>
    public bool Ascending { get; private set; }

    public void Add(uint value)
    {
        if (!Seen)
        {
            Seen = true;
            First = value;
            Last = value;
            Constant = true;
            Increments = true;
            Ascending = true;
            return;
        }

        if (value != Last) Constant = false;
        if (value != unchecked(Last + 1)) Increments = false;
        if (value <= Last) Ascending = false;
        Last = value;
    }
}
