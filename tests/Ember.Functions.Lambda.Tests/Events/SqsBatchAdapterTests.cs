using System.Text;
using System.Text.Json;
using Ember.Functions.Lambda.Events;
using Ember.Functions.Lambda.Tests.Fakes;

namespace Ember.Functions.Lambda.Tests.Events;

public sealed class SqsBatchAdapterTests
{
    private readonly FakeBatchHandler _jobs = new();
    private readonly List<string> _logged = [];

    private async Task<string[]> FailedIdsAsync(string evt)
    {
        var result = await new SqsBatchAdapter(_jobs, _logged.Add).HandleAsync(Encoding.UTF8.GetBytes(evt), CancellationToken.None);
        Assert.Null(result.Error);
        using var reply = JsonDocument.Parse(result.Response);
        return [.. reply.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!)];
    }

    [Fact]
    public async Task MixedBatch_ListsExactlyTheFailedRecords()
    {
        string evt = TestEvents.Sqs(("ok-1", "ok"), ("fail", "fail"), ("ok-2", "ok"), ("reject", "reject"), ("throw", "throw"));

        string[] failed = await FailedIdsAsync(evt);

        Assert.Equal(["fail", "reject", "throw"], failed);
        Assert.Equal(5, _jobs.Runs.Count);
        Assert.Contains(_logged, l => l.Contains("reject", StringComparison.Ordinal) && l.Contains("not retryable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AllGood_AnswersAnEmptyFailureList()
    {
        Assert.Empty(await FailedIdsAsync(TestEvents.Sqs(("a", "ok"), ("b", "ok"))));
    }

    [Fact]
    public async Task EachRecord_RunsWithItsMessageIdAndReceiveCount()
    {
        await FailedIdsAsync(TestEvents.Sqs(("m-1", "ok")));

        var (message, context) = Assert.Single(_jobs.Runs);
        Assert.Equal("ok", message);
        Assert.Equal("m-1", context.MessageId);
        Assert.Equal(2, context.DeliveryCount);
    }

    [Fact]
    public async Task FifoQueue_StopsAtTheFirstFailureAndReturnsTheRest()
    {
        string evt = TestEvents.Sqs("arn:aws:sqs:us-east-1:123456789012:jobs.fifo", ("a", "ok"), ("b", "fail"), ("c", "ok"));

        Assert.Equal(["b", "c"], await FailedIdsAsync(evt));
        Assert.Equal(2, _jobs.Runs.Count);
    }

    [Fact]
    public async Task RecordWithoutMessageId_FailsTheWholeInvocation()
    {
        var result = await new SqsBatchAdapter(_jobs).HandleAsync("{\"Records\":[{\"eventSource\":\"aws:sqs\",\"body\":\"ok\"}]}"u8.ToArray(), CancellationToken.None);

        Assert.Equal("Ember.InvalidEvent", result.Error?.ErrorType);
        Assert.Contains("record 0 has no messageId", result.Error!.ErrorMessage);
        Assert.Empty(_jobs.Runs);
    }
}
