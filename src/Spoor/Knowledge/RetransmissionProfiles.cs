using System.Globalization;

namespace Spoor.Knowledge;

/// <summary>
/// TCP stacks by their SYN retransmission schedule (<c>retransmission-schedules.tsv</c>, from the stacks' own
/// headers and RFCs 1122, 2988 and 6298), so an observed back-off can be matched to the stacks that send it.
/// Loaded once from the embedded table.
/// </summary>
public static class RetransmissionProfiles
{
    private const string ResourceName = "Spoor.Knowledge.retransmission-schedules.tsv";
    private const int InitialColumn = 0;
    private const int FactorColumn = 1;
    private const int CapColumn = 2;
    private const int RetriesColumn = 3;
    private const int StackColumn = 4;
    private const int SourceColumn = 5;

    private static readonly Lazy<IReadOnlyList<RetransmissionProfile>> Table = new(Load);

    public static IReadOnlyList<RetransmissionProfile> All => Table.Value;

    /// <summary>
    /// The stacks whose schedule fits what was seen: the first interval, the factor, the ceiling the intervals
    /// stopped at (0 when they never stopped doubling) and how many resends there were. A stack whose retry limit
    /// is below the resends seen cannot have sent them; one whose ceiling is below an interval seen neither.
    /// </summary>
    public static IReadOnlyList<RetransmissionProfile> Matching(double initialSeconds, double factor, double capSeconds, double largestSeconds,
        int retransmissions, double tolerance)
    {
        var matches = new List<RetransmissionProfile>();
        foreach (var profile in Table.Value)
        {
            if (!Near(initialSeconds, profile.InitialSeconds, tolerance) || !Near(factor, profile.Factor, tolerance)) continue;
            if (retransmissions > profile.Retries) continue;
            if (capSeconds > 0 && !Near(capSeconds, profile.CapSeconds, tolerance)) continue;
            if (capSeconds <= 0 && profile.CapSeconds > 0 && largestSeconds > profile.CapSeconds * (1 + tolerance)) continue;
            matches.Add(profile);
        }

        return matches;
    }

    private static bool Near(double seen, double expected, double tolerance) => Math.Abs(seen - expected) <= expected * tolerance;

    private static List<RetransmissionProfile> Load()
    {
        var profiles = new List<RetransmissionProfile>();
        using var stream = typeof(RetransmissionProfiles).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (header)
            {
                header = false;
                continue;
            }

            var c = line.Split('\t');
            // A bad row is a bug in the shipped table, not user input: fail loudly the first time the table loads.
            profiles.Add(new RetransmissionProfile(
                double.Parse(c[InitialColumn], CultureInfo.InvariantCulture),
                double.Parse(c[FactorColumn], CultureInfo.InvariantCulture),
                double.Parse(c[CapColumn], CultureInfo.InvariantCulture),
                int.Parse(c[RetriesColumn], CultureInfo.InvariantCulture),
                c[StackColumn],
                c[SourceColumn]));
        }

        return profiles;
    }
}
