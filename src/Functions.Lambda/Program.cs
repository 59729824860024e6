using System.Diagnostics;
using System.Runtime.InteropServices;
using Ember.Functions.Lambda.Events;
using Ember.Functions.Lambda.Runtime;

namespace Ember.Functions.Lambda;

/// <summary>
/// The `bootstrap` of a provided.al2023 custom runtime: initialise once (settings, handlers, warm
/// models), report a failed start-up to /runtime/init/error, then run the invocation loop.
/// </summary>
internal static class Program
{
    private static async Task<int> Main()
    {
        long started = Stopwatch.GetTimestamp();
        var log = InvocationLog.Stdout;
        if (Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") is not { Length: > 0 } runtimeApi)
        {
            log.Message("error", "AWS_LAMBDA_RUNTIME_API is not set: this bootstrap runs inside AWS Lambda (or a Runtime API emulator).");
            return 2;
        }

        using var stopping = new CancellationTokenSource();
        // Lambda sends SIGTERM before shutting a sandbox down (when extensions are registered).
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopping.Cancel();
        });
        using var api = new RuntimeApiClient(runtimeApi);

        LambdaHandlers handlers;
        try
        {
            var settings = LambdaSettings.Read(Environment.GetEnvironmentVariable);
            handlers = await HostComposition.CreateAsync(settings, stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var error = new InvocationError(
                ex is HostConfigurationException ? ErrorTypes.InvalidConfiguration : ErrorTypes.InitFailed, ex.Message);
            log.Init("error", Stopwatch.GetElapsedTime(started), error);
            try
            {
                await api.ReportInitErrorAsync(error, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception report) when (report is HttpRequestException or RuntimeApiException)
            {
                log.Message("error", $"Could not report the init error to the Runtime API: {report.Message}");
            }
            return 1;
        }
        log.Init("ready", Stopwatch.GetElapsedTime(started));

        var dispatcher = new EventDispatcher(handlers.Api, handlers.Jobs, message => log.Message("warn", message));
        var monitoring = handlers.Monitor is { } hub ? new MonitorPublishing(hub, log, TimeProvider.System) : null;
        var loop = new RuntimeLoop(api, dispatcher, log, TimeProvider.System, monitoring is null ? null : monitoring.AfterInvocationAsync);
        try
        {
            await loop.RunAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            log.Message("info", "Stopping: SIGTERM received.");
        }
        catch (Exception ex)
        {
            // Only the Runtime API failing gets here; the sandbox is unusable, so exit and let
            // Lambda start a fresh one.
            log.Message("error", $"The runtime loop stopped: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
        return 0;
    }
}
