using System.Net;
using System.Text.Json;
using Ember.Batch;
using Ember.Configuration;
using Ember.Functions.Azure.Tests.Support;

namespace Ember.Functions.Azure.Tests.Invocations;

/// <summary>The batch queue trigger: envelope in, 200 + Logs on success, non-2xx on failure (so the host retries, then poisons).</summary>
public sealed class QueueInvocationTests
{
    private const string Job = "{\"model\":\"churn\",\"input\":\"in/a.parquet\",\"output\":\"out/a\"}";

    /// <summary>As the host sends it: the message string JSON-encoded a second time, Id too, DequeueCount a number.</summary>
    private static string HostEnvelope(string encodedMessage, string dequeueCount = "1", string id = "\"\\\"8f0c6e59\\\"\"") => $$"""
        {
          "Data": { "job": {{encodedMessage}} },
          "Metadata": {
            "DequeueCount": {{dequeueCount}},
            "ExpirationTime": "2026-11-28T08:00:00+00:00",
            "Id": {{id}},
            "InsertionTime": "2026-11-21T08:00:00+00:00",
            "NextVisibleTime": "2026-11-21T08:10:00+00:00",
            "PopReceipt": "\"AgAAAAMAAAAAAAAA\"",
            "sys": { "MethodName": "batch", "UtcNow": "2026-11-21T08:00:01.2Z", "RandGuid": "6d1c" }
          }
        }
        """;

    [Fact]
    public async Task QueueInvocation_DoubleEncodedMessage_IsDecodedOnce()
    {
        await using var host = await RunningHost.StartAsync();

        var (response, _) = await Envelope.PostAsync(host.Client, "batch", HostEnvelope(Envelope.Encode(Envelope.Encode(Job)), "3"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (message, context) = Assert.Single(host.Batch.Jobs);
        Assert.Equal(Job, message);
        Assert.Equal(new BatchJobContext("8f0c6e59", 3), context);
    }

    [Fact]
    public async Task QueueInvocation_SingleEncodedMessage_IsTakenAsIs()
    {
        await using var host = await RunningHost.StartAsync();

        await Envelope.PostAsync(host.Client, "batch", HostEnvelope(Envelope.Encode(Job), id: "\"plain-id\""));

        var (message, context) = Assert.Single(host.Batch.Jobs);
        Assert.Equal(Job, message);
        Assert.Equal("plain-id", context.MessageId);
    }

    [Fact]
    public async Task QueueInvocation_MessageAsJsonObject_IsPassedAsItsJsonText()
    {
        await using var host = await RunningHost.StartAsync();

        await Envelope.PostAsync(host.Client, "batch", HostEnvelope(Job));

        Assert.Equal("churn", JsonDocument.Parse(Assert.Single(host.Batch.Jobs).Message).RootElement.GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("\"5\"", 5)]           // long → JsonConvert.SerializeObject → "5"
    [InlineData("\"\\\"4\\\"\"", 4)]   // and encoded once more
    [InlineData("null", 1)]
    public async Task QueueInvocation_DequeueCountInEveryShape_IsTheDeliveryCount(string dequeueCount, int expected)
    {
        await using var host = await RunningHost.StartAsync();

        await Envelope.PostAsync(host.Client, "batch", HostEnvelope(Envelope.Encode(Envelope.Encode(Job)), dequeueCount));

        Assert.Equal(expected, Assert.Single(host.Batch.Jobs).Context.DeliveryCount);
    }

    [Fact]
    public async Task QueueInvocation_Success_Answers200WithLogsAndTheSummary()
    {
        await using var host = await RunningHost.StartAsync();
        host.Batch.Outcome = new BatchJobOutcome(true, "{\"rows\":1000,\"output\":\"out/a\"}", null, false);

        var (response, reply) = await Envelope.PostAsync(host.Client, "batch", HostEnvelope(Envelope.Encode(Envelope.Encode(Job)), "2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(JsonValueKind.Object, reply.GetProperty("Outputs").ValueKind);
        Assert.Empty(reply.GetProperty("Outputs").EnumerateObject());
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("ReturnValue").ValueKind);
        var logs = reply.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Contains(logs, l => l.Contains("8f0c6e59") && l.Contains("delivery 2") && l.Contains("succeeded"));
        Assert.Contains("{\"rows\":1000,\"output\":\"out/a\"}", logs);
    }

    [Theory]
    [InlineData(true, "retryable")]
    [InlineData(false, "not retryable")]
    public async Task QueueInvocation_Failure_IsNon2xxSoTheHostRetriesThenPoisons(bool retryable, string said)
    {
        await using var host = await RunningHost.StartAsync();
        host.Batch.Outcome = new BatchJobOutcome(false, "{\"failed\":true}", "input 'in/a.parquet': column 'age' is missing", retryable);

        var (response, reply) = await Envelope.PostAsync(host.Client, "batch", HostEnvelope(Envelope.Encode(Envelope.Encode(Job))));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var logs = string.Join("\n", reply.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()));
        Assert.Contains($"failed ({said})", logs);
        Assert.Contains("column 'age' is missing", logs);
        Assert.Contains("ember-jobs-poison", logs);
        var line = Assert.Single(host.Log.Events("batch_failed"));
        Assert.Equal(retryable, line.GetProperty("retryable").GetBoolean());
        Assert.Equal("8f0c6e59", line.GetProperty("messageId").GetString());
    }

    [Fact]
    public async Task QueueInvocation_HandlerThrows_Is500AndTheHostKeepsServing()
    {
        await using var host = await RunningHost.StartAsync();
        host.Batch.Throws = new InvalidOperationException("bug");

        var (response, problem) = await Envelope.PostAsync(host.Client, "batch", HostEnvelope(Envelope.Encode(Job)));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("internal_error", problem.GetProperty("code").GetString());

        host.Batch.Throws = null;
        var (again, _) = await Envelope.PostAsync(host.Client, "batch", HostEnvelope(Envelope.Encode(Job)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Theory]
    [InlineData("{\"Data\":{},\"Metadata\":{}}")]
    [InlineData("{\"Data\":{\"job\":42},\"Metadata\":{}}")]
    [InlineData("{\"Data\":{\"job\":\"\\\"unterminated\"},\"Metadata\":{}}")]
    [InlineData("{\"Metadata\":{}}")]
    public async Task QueueInvocation_UnreadableEnvelope_Is400AndNoJobRuns(string envelope)
    {
        await using var host = await RunningHost.StartAsync();

        var (response, problem) = await Envelope.PostAsync(host.Client, "batch", envelope);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad_invocation", problem.GetProperty("code").GetString());
        Assert.Empty(host.Batch.Jobs);
    }

    [Fact]
    public async Task QueueInvocation_EnvelopeOverTheEnvelopeLimit_Is413()
    {
        // EMBER_MAX_BODY_BYTES=100 → envelopes up to 2*100 + 64 KiB.
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string> { [EmberSettings.MaxRequestBytes] = "100" });
        var big = Envelope.Encode(new string('x', 70 * 1024));

        var (response, _) = await Envelope.PostAsync(host.Client, "batch", HostEnvelope(big));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.Batch.Jobs);
    }
}
