namespace Spoor.Cli;

/// <summary>The process exit codes of <c>spoor</c>, as documented in README.md.</summary>
public static class ExitCodes
{
    /// <summary>The run completed; inputs may still have malformed records, which the output reports.</summary>
    public const int Success = 0;

    /// <summary>Findings at or above the <c>--fail-on</c> threshold were reported (for scripts and CI gates).</summary>
    public const int FindingsAtThreshold = 1;

    /// <summary>The command line was wrong, or an input could not be opened or its format was not recognised.</summary>
    public const int UsageOrInput = 2;

    /// <summary>Spoor itself failed (a bug): the message says where.</summary>
    public const int InternalError = 3;
}
