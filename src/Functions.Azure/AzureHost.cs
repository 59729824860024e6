using Ember.Api;
using Ember.Batch;
using Ember.Functions.Azure.Invocations;
using Ember.Functions.Azure.Observability;

namespace Ember.Functions.Azure;

/// <summary>What the host needs from its surroundings; tests pass fakes for each.</summary>
/// <param name="Environment">Reads a setting (Environment.GetEnvironmentVariable in production).</param>
/// <param name="LogOutput">Where the JSON log lines go (stdout in production).</param>
/// <param name="AddHandlers">Registers the IApiHandler and IBatchJobHandler singletons.</param>
internal sealed record AzureHostSetup(
    Func<string, string?> Environment,
    Stream LogOutput,
    Action<IServiceCollection, Func<string, string?>> AddHandlers);

/// <summary>A setting the host cannot start with; the message names it.</summary>
internal sealed class HostStartupException(string message) : Exception(message);

/// <summary>
/// Builds the custom-handler web server: Kestrel on the port the Functions host chose (or --urls,
/// or 127.0.0.1:7071 locally), body limits, JSON line logs, and one terminal request delegate.
/// </summary>
internal static class AzureHost
{
    public static WebApplication Build(string[] args, AzureHostSetup setup)
    {
        var (limits, limitError) = HostLimits.FromEnvironment(setup.Environment);
        if (limits is null)
            throw new HostStartupException(limitError!);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        var (urls, urlError) = ListenAddress.Resolve(setup.Environment, builder.Configuration["urls"]);
        if (urls is null)
            throw new HostStartupException(urlError!);
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The larger of the two limits; each request narrows it to its own before reading.
            kestrel.Limits.MaxRequestBodySize = limits.MaxEnvelopeBytes;
        });

        var log = new JsonLineWriter(setup.LogOutput);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new JsonLineLoggerProvider(log));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.AddSingleton(log);
        builder.Services.AddSingleton(limits);
        setup.AddHandlers(builder.Services, setup.Environment);

        var app = builder.Build();
        var services = app.Services;
        var api = services.GetRequiredService<IApiHandler>();
        var invocations = new InvocationEndpoint(api, services.GetRequiredService<IBatchJobHandler>(), limits, log);
        var dispatcher = new RequestDispatcher(api, invocations, limits, log, FunctionKeyCheck.FromEnvironment(setup.Environment));
        app.Run(dispatcher.DispatchAsync);
        return app;
    }

    /// <summary>
    /// Logs where the server listens and how long it took from Main. (Process.StartTime is off by
    /// hundreds of ms on Linux, so the runtime's own few ms before Main are left out instead.)
    /// </summary>
    public static void LogStarted(WebApplication app, TimeSpan sinceMain)
    {
        var log = app.Services.GetRequiredService<JsonLineWriter>();
        log.Write("info", "started", (string.Join(" ", app.Urls), sinceMain), static (w, s) =>
        {
            w.WriteString("urls", s.Item1);
            w.WriteNumber("mainToListeningMs", Math.Round(s.sinceMain.TotalMilliseconds, 1));
        });
    }
}
