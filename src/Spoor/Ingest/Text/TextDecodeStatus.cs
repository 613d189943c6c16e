namespace Spoor.Ingest.Text;

/// <summary>What a text format made of the lines it was offered.</summary>
public enum TextDecodeStatus : byte
{
    /// <summary>Not this format: the next format is tried.</summary>
    NotMine = 0,

    /// <summary>A record of this format, decoded into the observation.</summary>
    Observation,

    /// <summary>A record of this format that carries no packet (a banner, a status or summary line): skipped with a reason.</summary>
    Skip,

    /// <summary>A record of this format that is malformed: failed with a message.</summary>
    Malformed,
}
