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
                    var fraction = progress.CurrentFraction ?? 0;
                    bar.Description = Markup.Escape($"{progress.CurrentInput + 1}/{progress.InputCount} {Path.GetFileName(progress.CurrentPath)}");
                    bar.Value = progress.InputCount == 0 ? 0 : (progress.CurrentInput + fraction) / progress.InputCount;
                }

                bar.Value = 1.0;
            });
        return task.GetAwaiter().GetResult();
    }
}
