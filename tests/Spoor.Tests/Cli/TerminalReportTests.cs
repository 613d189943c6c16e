using Spoor.Cli;

namespace Spoor.Tests.Cli;

public sealed class TerminalReportTests
{
    /// <summary>
    /// To a file or a pipe, findings lines the console would print unchanged are written directly; the text must be
    /// the same as the console's own rendering of every line, on captures whose findings carry many readings.
    /// </summary>
    [Theory]
    [InlineData("fixtures", "nmap-syn.pcap")]
    [InlineData("fixtures", "nmap-timestamp-sweep.pcap")]
    [InlineData("synthetic", "tcp-flags-and-options.pcap")]
    [InlineData("synthetic", "back-orifice.pcap")]
    public void DirectLinesMatchTheConsolesRendering(string folder, string file)
    {
        var capture = TestPaths.Data(folder, file);
        var direct = Text(capture, direct: true);
        var rendered = Text(capture, direct: false);

        direct.Should().Contain("Findings: ").And.NotContain("Findings: none");
        direct.Should().Be(rendered);
    }

    private static string Text(string capture, bool direct)
    {
        var stdout = new StringWriter();
        var before = TerminalReport.DirectPlainLines;
        TerminalReport.DirectPlainLines = direct;
        try
        {
            Program.Run(["analyze", capture], stdout, new StringWriter()).Should().Be(ExitCodes.Success);
        }
        finally
        {
            TerminalReport.DirectPlainLines = before;
        }

        return stdout.ToString();
    }
}
