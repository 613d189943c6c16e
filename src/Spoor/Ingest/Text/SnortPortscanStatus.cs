using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// The status messages of Snort 1.x's spp_portscan preprocessor (<c>spp_portscan.c</c>): <c>PORTSCAN DETECTED
/// from A (THRESHOLD n connections exceeded in s seconds)</c> (or <c>… to port p from A (STEALTH)</c>, with
/// <c>on eth0</c> under <c>-I</c>), <c>portscan status from A: n connections across h hosts: TCP(t), UDP(u)</c>
/// and <c>End of portscan from A: TOTAL time(s) hosts(h) TCP(t) UDP(u)</c>. They carry no packet; what they say
/// is "Snort saw a portscan from A", which a detector can take as evidence. So they become alert observations
/// with the scanner as source, and a fixed message per kind: the counts in the text would make every line a
/// new interned message.
/// </summary>
internal static class SnortPortscanStatus
{
    public const string Prefix = "spp_portscan:";

    private const string Detected = "spp_portscan: PORTSCAN DETECTED";
    private const string Status = "spp_portscan: portscan status";
    private const string End = "spp_portscan: End of portscan";
    private const string From = " from ";

    private static readonly int DetectedId = HostTokenTable.Intern(Detected);
    private static readonly int StatusId = HostTokenTable.Intern(Status);
    private static readonly int EndId = HostTokenTable.Intern(End);

    /// <summary>Whether the text is an spp_portscan message.</summary>
    public static bool IsStatus(ReadOnlySpan<char> text) => text.TrimStart().StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Reads a status message into the observation: message, alert verdict, scanner as source. False (and
    /// nothing set) when the text is not one of the three messages or names no scanner.
    /// </summary>
    public static bool TryApply(ReadOnlySpan<char> text, ref Observation observation)
    {
        var rest = text.Trim();
        if (!rest.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        rest = rest[Prefix.Length..].TrimStart();
        int messageId;
        if (rest.StartsWith("PORTSCAN DETECTED", StringComparison.Ordinal)) messageId = DetectedId;
        else if (rest.StartsWith("portscan status from", StringComparison.Ordinal)) messageId = StatusId;
        else if (rest.StartsWith("End of portscan from", StringComparison.Ordinal)) messageId = EndId;
        else return false;

        var from = rest.IndexOf(From, StringComparison.Ordinal);
        if (from < 0) return false;
        var scanner = rest[(from + From.Length)..];
        var end = scanner.IndexOfAny(' ', '\t');
        if (end >= 0) scanner = scanner[..end];
        scanner = scanner.TrimEnd(':');
        if (!HostAddress.TryParseOrToken(scanner, out var source)) return false;

        observation.Source = source;
        observation.Set(ObservationFields.Source);
        observation.IpVersion = source.Kind == HostAddressKind.IPv6 ? (byte)6 : (byte)4;
        observation.Set(ObservationFields.IpVersion);
        observation.MessageId = messageId;
        observation.Set(ObservationFields.Message);
        observation.Verdict = SensorVerdict.Alert;
        observation.Set(ObservationFields.Verdict);
        return true;
    }
}
