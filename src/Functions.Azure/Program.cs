using System.Diagnostics;

namespace Ember.Functions.Azure;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var started = Stopwatch.GetTimestamp();
        var stdout = Console.OpenStandardOutput();
        var setup = new AzureHostSetup(Environment.GetEnvironmentVariable, stdout, HostComposition.AddHandlers);
        WebApplication app;
        try
        {
            app = AzureHost.Build(args, setup);
        }
        catch (HostStartupException ex)
        {
            await Console.Error.WriteLineAsync("ember-azure: " + ex.Message);
            return 2;
        }
        await using (app)
        {
            await app.StartAsync();
            AzureHost.LogStarted(app, Stopwatch.GetElapsedTime(started));
            await app.WaitForShutdownAsync();
        }
        return 0;
    }
}
