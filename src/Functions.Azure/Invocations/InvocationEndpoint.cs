using System.Globalization;
using System.Text;
using System.Text.Json;
using Ember.Api;
using Ember.Batch;
using Ember.Functions.Azure.Observability;

namespace Ember.Functions.Azure.Invocations;

/// <summary>
/// Answers the Functions host's invocation envelopes (POST /&lt;function&gt;): HTTP functions when
/// forwarding is off, and the batch queue trigger always. A non-2xx answer fails the invocation,
/// which for the queue means retry and, after maxDequeueCount, the ember-jobs-poison queue.
/// </summary>
internal sealed class InvocationEndpoint(IApiHandler api, IBatchJobHandler batch, HostLimits limits, JsonLineWriter log)
{
    public async Task HandleAsync(HttpContext context, string function, FunctionKind kind)
    {
        var cancellationToken = context.RequestAborted;
        var body = await RequestBodyReader.ReadAsync(context, limits.MaxEnvelopeBytes, cancellationToken);
        if (!body.IsValid)
        {
            var refusal = body.TooLarge ? HostProblem.TooLarge(limits.MaxEnvelopeBytes) : HostProblem.BadInvocation(body.Error!);
            await HttpTranslation.WriteAsync(context.Response, refusal, cancellationToken);
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Bytes);
        }
        catch (JsonException ex)
        {
            await Refuse(context, $"The invocation body for '{function}' is not JSON: {ex.Message}");
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                await Refuse(context, $"The invocation body for '{function}' has no Data object.");
                return;
            }
            root.TryGetProperty("Metadata", out var metadata);
            if (kind == FunctionKind.Queue)
                await RunBatchAsync(context, data, metadata);
            else
                await RunHttpAsync(context, data);
        }
    }

    private async Task RunHttpAsync(HttpContext context, JsonElement data)
    {
        var parsed = HttpTriggerPayload.Parse(data, limits.MaxRequestBytes);
        if (parsed.Refusal is { Status: 400 } malformed)
        {
            // A malformed envelope is the Functions host's problem, not the caller's: fail the invocation.
            await HttpTranslation.WriteAsync(context.Response, malformed, context.RequestAborted);
            return;
        }
        var response = parsed.Refusal ?? await api.HandleAsync(parsed.Request!, context.RequestAborted);
        var output = new HttpOutput
        {
            StatusCode = response.Status,
            Body = Encoding.UTF8.GetString(response.Body.Span),
            Headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase),
        };
        if (!string.IsNullOrEmpty(response.ContentType))
            output.Headers["Content-Type"] = response.ContentType;
        var reply = new InvocationResponse { Outputs = { [FunctionCatalog.HttpOutputBinding] = output } };
        await WriteReply(context, StatusCodes.Status200OK, reply);
    }

    private async Task RunBatchAsync(HttpContext context, JsonElement data, JsonElement metadata)
    {
        var parsed = QueueTriggerPayload.Parse(data, metadata);
        if (parsed.Error is not null)
        {
            await Refuse(context, parsed.Error);
            return;
        }
        var job = parsed.Context!;
        var reply = new InvocationResponse();
        var outcome = await batch.RunAsync(parsed.Message!, job, context.RequestAborted);
        var attempt = $"message {job.MessageId ?? "(no id)"} delivery {job.DeliveryCount.ToString(CultureInfo.InvariantCulture)}";
        if (outcome.Succeeded)
        {
            reply.Logs.Add($"ember batch: {attempt} succeeded");
            reply.Logs.Add(outcome.SummaryJson);
            await WriteReply(context, StatusCodes.Status200OK, reply);
            return;
        }

        var retry = outcome.Retryable ? "retryable" : "not retryable";
        reply.Logs.Add($"ember batch: {attempt} failed ({retry}): {outcome.Error}");
        reply.Logs.Add($"The host retries it up to maxDequeueCount, then moves it to {FunctionCatalog.JobQueue}-poison.");
        if (!string.IsNullOrEmpty(outcome.SummaryJson))
            reply.Logs.Add(outcome.SummaryJson);
        log.Write("warn", "batch_failed", (job, outcome), static (w, s) =>
        {
            w.WriteString("messageId", s.job.MessageId);
            w.WriteNumber("deliveryCount", s.job.DeliveryCount);
            w.WriteBoolean("retryable", s.outcome.Retryable);
            w.WriteString("error", s.outcome.Error);
        });
        await WriteReply(context, StatusCodes.Status500InternalServerError, reply);
    }

    private static Task Refuse(HttpContext context, string detail) =>
        HttpTranslation.WriteAsync(context.Response, HostProblem.BadInvocation(detail), context.RequestAborted);

    private static Task WriteReply(HttpContext context, int status, InvocationResponse reply)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(reply, HostJsonContext.Default.InvocationResponse);
        return HttpTranslation.WriteAsync(context.Response, new ApiResponse(status, "application/json", bytes, ApiRequest.EmptyMap), context.RequestAborted);
    }
}
