using System.Diagnostics;
using Ember.Api;
using Ember.Functions.Azure.Invocations;
using Ember.Functions.Azure.Observability;

namespace Ember.Functions.Azure;

/// <summary>
/// The one terminal request delegate. Invocation envelopes (POST /&lt;function&gt;) go to
/// <see cref="InvocationEndpoint"/>; every other request, forwarded by the Functions host or sent
/// directly when running locally, goes to the API unchanged: routing lives in the API, not here.
/// Logs one JSON line per request: method, path, status, latency; never bodies or query values.
/// With EMBER_FUNCTION_KEY set, requests without the key are refused before their body is read.
/// </summary>
internal sealed class RequestDispatcher(IApiHandler api, InvocationEndpoint invocations, HostLimits limits, JsonLineWriter log, FunctionKeyCheck keys)
{
    public async Task DispatchAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        string? function = null;
        try
        {
            if (FunctionCatalog.TryMatchInvocation(context.Request, out var name, out var kind))
            {
                function = name;
                await invocations.HandleAsync(context, name, kind);
            }
            else
                await ForwardAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nothing left to answer.
        }
        catch (Exception ex)
        {
            LogBug(context, ex);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await HttpTranslation.WriteAsync(context.Response, HostProblem.Internal(), CancellationToken.None);
            }
        }
        finally
        {
            LogRequest(context, function, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        if (!keys.Allows(context.Request))
        {
            await HttpTranslation.WriteAsync(context.Response, FunctionKeyCheck.Unauthorized(), context.RequestAborted);
            return;
        }
        var body = await RequestBodyReader.ReadAsync(context, limits.MaxRequestBytes, context.RequestAborted);
        ApiResponse response;
        if (body.TooLarge)
            response = HostProblem.TooLarge(limits.MaxRequestBytes);
        else if (body.Error is not null)
            response = HostProblem.BadRequest(body.Error);
        else
            response = await api.HandleAsync(HttpTranslation.ToApiRequest(context.Request, body.Bytes), context.RequestAborted);
        await HttpTranslation.WriteAsync(context.Response, response, context.RequestAborted);
    }

    private void LogRequest(HttpContext context, string? function, TimeSpan elapsed)
    {
        var request = context.Request;
        var invocationId = request.Headers["X-Azure-Functions-InvocationId"].ToString();
        var headers = context.Response.Headers;
        var model = (headers["Ember-Model"].ToString(), headers["Ember-Model-Version"].ToString());
        log.Write("info", "request", (request.Method, request.Path.Value ?? "/", context.Response.StatusCode, elapsed, function, invocationId, model),
            static (w, s) =>
            {
                // The model version that answered, from the API's response headers; never row values.
                if (s.model.Item1.Length > 0)
                {
                    w.WriteString("model", s.model.Item1);
                    w.WriteString("version", s.model.Item2);
                }
                w.WriteString("method", s.Method);
                w.WriteString("path", s.Item2);
                w.WriteNumber("status", s.StatusCode);
                w.WriteNumber("ms", Math.Round(s.elapsed.TotalMilliseconds, 3));
                if (s.function is not null)
                    w.WriteString("function", s.function);
                if (s.invocationId.Length > 0)
                    w.WriteString("invocationId", s.invocationId);
            });
    }

    private void LogBug(HttpContext context, Exception ex) =>
        // The exception message is left out: it may quote request data.
        log.Write("error", "unhandled", (context.Request.Path.Value ?? "/", ex), static (w, s) =>
        {
            w.WriteString("path", s.Item1);
            w.WriteString("exception", s.ex.GetType().FullName);
            w.WriteString("stack", s.ex.StackTrace);
        });
}
