namespace Spoor.Ingest.Text;

/// <summary>
/// Offsets of the zone abbreviations network devices print after their own clock (Cisco IOS
/// <c>service timestamps log datetime show-timezone</c>, ASA/PIX with a zone configured). The name is whatever the
/// administrator typed in <c>clock timezone NAME offset</c>, so only the common, unambiguous-in-practice names are
/// mapped: the US zones, UTC/GMT and central Europe. <c>CST</c> is read as US Central (−6), as Cisco's own examples
/// use it; the line cannot tell it from China Standard Time (+8). Any other name is left to the input's zone
/// (<c>--tz</c>) with a note.
/// </summary>
internal static class ZoneAbbreviations
{
    public static bool TryGetOffset(ReadOnlySpan<char> name, out TimeSpan offset)
    {
        var hours = name switch
        {
            "UTC" or "GMT" or "Z" => 0,
            "EST" => -5,
            "EDT" => -4,
            "CST" => -6,
            "CDT" => -5,
            "MST" => -7,
            "MDT" => -6,
            "PST" => -8,
            "PDT" => -7,
            "CET" => 1,
            "CEST" => 2,
            _ => int.MinValue,
        };
        offset = hours == int.MinValue ? TimeSpan.Zero : TimeSpan.FromHours(hours);
        return hours != int.MinValue;
    }
}
