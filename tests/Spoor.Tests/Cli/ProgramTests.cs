using System.Text.Json.Nodes;
using Spoor.Cli;

namespace Spoor.Tests.Cli;

public sealed class ProgramTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void AnalyzeJson_AccountsForEveryRecordOfEveryInput()
    {
        var capture = TestPaths.Data("public", "zeek", "ip-bogus-header-len.pcap");
        var (exit, output, _) = Run("analyze", "--format", "json", capture, TestPaths.Data("public", "zeek", "tcp", "syn-synack.pcap"));

        exit.Should().Be(ExitCodes.Success);
        var json = JsonNode.Parse(output)!;
        json["schema"]!.GetValue<string>().Should().Be("spoor/1");
        json["findings"]!.AsArray().Should().BeEmpty();
        var first = json["inputs"]![0]!;
        first["format"]!.GetValue<string>().Should().Be("pcap");
        first["records"]!.GetValue<long>().Should().Be(1);
        first["problems"]![0]!["location"]!.GetValue<string>().Should().Be("frame 1 (byte 24)");
        json["inputs"]![1]!["records"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public void AnalyzeJson_IsByteIdenticalAcrossRuns()
    {
        var capture = TestPaths.Data("public", "zeek", "nmap-vsn.pcap");
        Run("analyze", "-f", "json", capture).Out.Should().Be(Run("analyze", "-f", "json", capture).Out);
    }

    [Fact]
    public void MissingInput_ExitsWithTwo_AndSaysWhichFile()
    {
        var (exit, _, err) = Run("analyze", "/no/such/file.pcap");
        exit.Should().Be(ExitCodes.UsageOrInput);
        err.Should().Contain("/no/such/file.pcap");
    }

    [Fact]
    public void UnknownOption_IsAUsageError()
    {
        var (exit, _, err) = Run("inspect", "--no-such-option", "x.pcap");
        exit.Should().Be(ExitCodes.UsageOrInput);
        err.Should().Contain("--help");
    }

    [Fact]
    public void InspectJsonl_WritesOneObjectPerFrame()
    {
        var (exit, output, _) = Run("inspect", "--format", "jsonl", TestPaths.Data("public", "zeek", "tcp", "syn-synack.pcap"));
        exit.Should().Be(ExitCodes.Success);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        JsonNode.Parse(lines[1])!["flags"]!.GetValue<string>().Should().Be("AS");
    }

    [Fact]
    public void InspectText_ReadsLikeTcpdump()
    {
        var (_, output, _) = Run("inspect", TestPaths.Data("public", "zeek", "tcp", "syn-synack.pcap"));
        output.Should().Contain("141.142.228.5.59856 > 192.150.187.43.80: TCP Flags [S], seq 4263588410, win 65535, options [mss 1460,nop,wscale 4,nop,nop,TS val 374005024 ecr 0,sackOK,eol], length 0");
    }

    [Fact]
    public void Help_NamesBothCommandsAndTheExitCodes()
    {
        var (exit, output, _) = Run("--help");
        exit.Should().Be(0);
        output.Should().Contain("inspect").And.Contain("analyze").And.Contain("Exit codes");
    }

    [Theory]
    [InlineData("md", "# Spoor analysis")]
    [InlineData("html", "<!DOCTYPE html>")]
    [InlineData("text", "Findings")]
    public void AnalyzeFormats_RenderTheInputs(string format, string marker)
    {
        var (exit, output, _) = Run("analyze", "-f", format, TestPaths.Data("public", "zeek", "tcp", "syn-synack.pcap"));
        exit.Should().Be(0);
        output.Should().Contain(marker).And.Contain("syn-synack.pcap");
    }
}
