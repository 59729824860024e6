using System.Globalization;
using System.Text.Json;
using Ember.Batch;
using Ember.Functions.Lambda.Contracts;
using Ember.Functions.Lambda.Runtime;

namespace Ember.Functions.Lambda.Events;

/// <summary>
/// An SQS event: each record is one batch job. The response is a partial batch response listing
/// exactly the records that failed, so only they return to the queue (and, after maxReceiveCount,
/// go to the DLQ). Needs FunctionResponseTypes = ["ReportBatchItemFailures"] on the mapping.
/// </summary>
internal sealed class SqsBatchAdapter(IBatchJobHandler jobs, Action<string>? logRecordFailure = null)
{
    public async Task<InvocationResult> HandleAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        SqsEvent? evt;
        try
        {
            evt = JsonSerializer.Deserialize(json.Span, LambdaJsonContext.Default.SqsEvent);
        }
        catch (JsonException ex)
        {
            return Invalid($"The SQS event is malformed at {ex.Path}: {ex.Message}");
        }
        var records = evt?.Records ?? [];
        for (int i = 0; i < records.Count; i++)
        {
            // Without a messageId a failure could not be reported; failing the whole invocation
            // returns every record to the queue, which is the safe answer.
            if (string.IsNullOrEmpty(records[i].MessageId))
                return Invalid($"SQS record {i} has no messageId: the partial batch response cannot name it.");
            if (records[i].EventSource != "aws:sqs")
                return Invalid($"SQS record {i} has eventSource \"{records[i].EventSource}\"; every record must be \"aws:sqs\".");
        }

        var failures = new List<SqsBatchItemFailure>();
        // A FIFO queue must keep order: after the first failure, the rest are returned unprocessed.
        bool fifo = records.Count > 0 && records[0].EventSourceArn?.EndsWith(".fifo", StringComparison.Ordinal) == true;
        bool stopped = false;
        foreach (var record in records)
        {
            if (stopped || cancellationToken.IsCancellationRequested)
            {
                failures.Add(new SqsBatchItemFailure(record.MessageId!));
                continue;
            }
            if (!await RunRecordAsync(record, cancellationToken).ConfigureAwait(false))
            {
                failures.Add(new SqsBatchItemFailure(record.MessageId!));
                stopped = fifo;
            }
        }
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new SqsBatchResponse(failures), LambdaJsonContext.Default.SqsBatchResponse);
        return InvocationResult.Respond(EventKind.Sqs, body) with { Records = records.Count, FailedRecords = failures.Count };
    }

    // True when the job succeeded. A job that throws fails its record only, never the batch.
    private async Task<bool> RunRecordAsync(SqsRecord record, CancellationToken cancellationToken)
    {
        var context = new BatchJobContext(record.MessageId, ReceiveCount(record));
        try
        {
            BatchJobOutcome outcome = await jobs.RunAsync(record.Body ?? "", context, cancellationToken).ConfigureAwait(false);
            if (!outcome.Succeeded)
                logRecordFailure?.Invoke($"SQS record {record.MessageId} failed ({(outcome.Retryable ? "retryable" : "not retryable")}): {outcome.Error}");
            return outcome.Succeeded;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logRecordFailure?.Invoke($"SQS record {record.MessageId} was cancelled: the invocation's deadline is near.");
            return false;
        }
        catch (Exception ex)
        {
            logRecordFailure?.Invoke($"SQS record {record.MessageId} failed with {ex.GetType().Name}: {ex.Message}");
            return false;
        }
    }

    private static int ReceiveCount(SqsRecord record) =>
        record.Attributes?.TryGetValue("ApproximateReceiveCount", out string? text) == true
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0
            ? count
            : 1;

    private static InvocationResult Invalid(string message) =>
        InvocationResult.Fail(EventKind.Sqs, InvocationError.InvalidEvent(message));
}
