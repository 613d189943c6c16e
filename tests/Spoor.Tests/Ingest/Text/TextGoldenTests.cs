namespace Spoor.Tests.Ingest.Text;

/// <summary>
/// Every text fixture decodes exactly as its hand-checked golden file says: seed traces under
/// tests/data/seeds, vendor samples under tests/data/public, real tool logs under tests/data/fixtures.
/// </summary>
public sealed class TextGoldenTests
{
    public static TheoryData<string> TextFixtures()
    {
        var all = new TheoryData<string>();
        foreach (var folder in new[] { "seeds", "public", "fixtures" })
        {
            foreach (var fixture in GoldenDecode.Fixtures(folder)) all.Add(fixture);
        }

        return all;
    }

    [Fact]
    public void SeedTracesArePresent() =>
        Directory.EnumerateFiles(TestPaths.Data("seeds"), "*" + GoldenDecode.ExpectedSuffix).Should().NotBeEmpty();

    [Theory]
    [MemberData(nameof(TextFixtures))]
    public void TextFixture_DecodesAsTheGoldenFileSays(string fixture) => GoldenDecode.Check(fixture);
}
