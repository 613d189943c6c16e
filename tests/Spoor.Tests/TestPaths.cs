namespace Spoor.Tests;

/// <summary>Finds the repository's test data from the test binary's folder, so tests run from any working directory.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Spoor.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("Spoor.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string RepositoryRoot => Root.Value;

    public static string Data(params string[] parts) => Path.Combine([RepositoryRoot, "tests", "data", .. parts]);
}
