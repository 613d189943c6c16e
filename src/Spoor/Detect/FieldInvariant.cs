namespace Spoor.Detect;

/// <summary>Whether one header field kept a single value across every packet it was seen in.</summary>
internal struct FieldInvariant
{
    public uint Value;
    public bool Seen;
    public bool Varied;

    public void Add(uint value)
    {
        if (!Seen)
        {
            Seen = true;
            Value = value;
        }
        else if (value != Value)
        {
            Varied = true;
        }
    }

    public readonly bool IsConstant => Seen && !Varied;
}
