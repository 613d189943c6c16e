namespace Spoor.Ingest.Text;

/// <summary>What a format makes of the text gathered so far for a record that may be wrapped over several lines.</summary>
internal enum RecordShape : byte
{
    /// <summary>Not this format.</summary>
    NotMine = 0,

    /// <summary>Could be this format once the continuation lines are joined (a syslog line that ends after <c>kernel:</c>).</summary>
    Partial,

    /// <summary>This format for certain, but cut short: the record needs the continuation lines.</summary>
    Cut,

    /// <summary>A whole record of this format.</summary>
    Complete,
}
