using System.CommandLine;

namespace Ember.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("ember: serve Apache Spark ML models without Spark.");
        foreach (var command in CommandCatalog.All())
            root.Subcommands.Add(command);
        return root.Parse(args).Invoke();
    }
}
