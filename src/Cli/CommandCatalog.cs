using System.CommandLine;

namespace Ember.Cli;

/// <summary>Every `ember` sub-command, one file each under Commands/.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return InspectCommand.Create();
        yield return Commands.ParquetCommand.Create();
        yield return Commands.ScoreCommand.Create();
        yield return Commands.BatchCommand.Create();
        yield return Commands.BenchCommand.Create();
        yield return Commands.PackCommand.Create();
        yield return Commands.PushCommand.Create();
        yield return Commands.ModelsCommand.Create();
        yield return Commands.PromoteCommand.Create();
        yield return Commands.RollbackCommand.Create();
        yield return Commands.MonitorCommand.Create();
        yield return Commands.ReportCommand.Create();
    }
}
