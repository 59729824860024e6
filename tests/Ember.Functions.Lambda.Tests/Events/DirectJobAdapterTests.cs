using System.Text;
using Ember.Functions.Lambda.Events;
using Ember.Functions.Lambda.Tests.Fakes;

namespace Ember.Functions.Lambda.Tests.Events;

public sealed class DirectJobAdapterTests
{
    private readonly FakeBatchHandler _jobs = new();

    [Fact]
    public async Task SucceededJob_ReturnsItsSummary()
    {
        string evt = TestEvents.DirectJob();

        var result = await new DirectJobAdapter(_jobs).HandleAsync("req-1", Encoding.UTF8.GetBytes(evt), CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal("{\"rows\":3,\"output\":\"s3://out/a.parquet\"}", Encoding.UTF8.GetString(result.Response.Span));
        var (message, context) = Assert.Single(_jobs.Runs);
        Assert.Equal(evt, message);
        Assert.Equal("req-1", context.MessageId);
        Assert.Equal(1, context.DeliveryCount);
    }

    [Theory]
    [InlineData("fail", "Ember.JobFailed", "the store is unreachable")]
    [InlineData("reject", "Ember.JobRejected", "input.path: the file does not exist")]
    public async Task FailedJob_IsAnInvocationErrorSayingWhy(string input, string errorType, string message)
    {
        var result = await new DirectJobAdapter(_jobs).HandleAsync("req-1", Encoding.UTF8.GetBytes(TestEvents.DirectJob(input: input)), CancellationToken.None);

        Assert.Equal(errorType, result.Error?.ErrorType);
        Assert.Equal(message, result.Error!.ErrorMessage);
    }
}
