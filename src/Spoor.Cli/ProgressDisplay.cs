using Spectre.Console;

namespace Spoor.Cli;

/// <summary>
/// Shows a progress bar on stderr for work that takes more than about a second, and only when stderr is a
/// terminal: pipes and CI logs get no progress noise.
/// </summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public static T Run<T>(Func<AnalysisProgress, T> work)
    {
        var progress = new AnalysisProgress();
        var task = Task.Run(() => work(progress));
        if (Console.IsErrorRedirected || task.Wait(Delay))
        {
            return task.GetAwaiter().GetResult();
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var bar = context.AddTask("reading", maxValue: 1.0);
                while (!task.Wait(100))
                {
                    bar.Description = progress.InputCount == 1 ? "reading 1 input" : $"reading {progress.InputCount} inputs";
                    bar.Value = progress.Fraction;
                }

                bar.Value = 1.0;
            });
        return task.GetAwaiter().GetResult();
    }
}
