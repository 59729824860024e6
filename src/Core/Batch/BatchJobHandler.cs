using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ember.Api;
using Ember.Serving;

namespace Ember.Batch;

/// <summary>
/// The hosts' entry point for queue messages and direct invocations: parses and validates the job
/// message, runs it with the model from the provider, and answers with the summary. A message that
/// can never succeed (bad JSON, unknown field, missing model or input, bad rows under onError =
/// fail) is not retryable; a store or model outage is.
/// </summary>
public sealed class BatchJobHandler(IModelProvider models, BatchRunner runner) : IBatchJobHandler
{
    /// <summary>
    /// The handler a host registers: stores opened from the job's URIs with the process settings
    /// (AWS_* / EMBER_BLOB_CONNECTION / AzureWebJobsStorage / managed identity), spooling to
    /// EMBER_BATCH_SPOOL_DIR or the temp folder.
    /// </summary>
    public static BatchJobHandler Create(IModelProvider models, Func<string, string?> environment) =>
        new(models, new BatchRunner(new BatchRunnerOptions
        {
            OpenStore = uri => Storage.ObjectStoreFactory.FromUri(uri, environment),
            SpoolDirectory = environment(Configuration.EmberSettings.BatchSpoolDirectory),
        }));

    public async Task<BatchJobOutcome> RunAsync(string message, BatchJobContext context, CancellationToken cancellationToken)
    {
        BatchJob job;
        try
        {
            job = BatchJobParser.Parse(message);
        }
        catch (BatchJobException ex)
        {
            var rejected = new BatchSummary
            {
                JobId = "msg-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message ?? "")))[..20],
                Status = BatchSummary.Failed,
                StartedAt = DateTimeOffset.UtcNow,
                Error = ex.Message,
                Retryable = false,
                MessageId = context.MessageId,
                DeliveryCount = context.DeliveryCount,
            };
            return new BatchJobOutcome(false, Json(rejected), ex.Message, Retryable: false);
        }

        var run = new BatchRunContext { MessageId = context.MessageId, DeliveryCount = context.DeliveryCount };
        var request = new ModelRequest(job.Model, job.Version, job.Alias);
        BatchSummary summary = await runner.RunAsync(job, ct => models.GetAsync(request, ct), run, cancellationToken).ConfigureAwait(false);
        bool ok = summary.Status == BatchSummary.Succeeded;
        return new BatchJobOutcome(ok, Json(summary), summary.Error, Retryable: !ok && summary.Retryable == true);
    }

    private static string Json(BatchSummary summary) => JsonSerializer.Serialize(summary, EmberJsonContext.Default.BatchSummary);
}
