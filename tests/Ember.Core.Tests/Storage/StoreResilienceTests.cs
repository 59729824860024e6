using Ember.Storage;
using Xunit;

namespace Ember.Core.Tests.Storage;

/// <summary>The retry loop on its own, with attempts that fail on cue (the store contracts cover it against real emulators).</summary>
public sealed class StoreResilienceTests
{
    private static readonly StoreOptions Fast = new() { MaxRetries = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RequestTimeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task TransientFailures_AreRetried_UntilOneSucceeds()
    {
        int calls = 0;
        var resilience = new StoreResilience("s3://b", Fast);
        int answer = await resilience.ExecuteAsync("k", _ => ++calls < 3 ? throw new HttpRequestException("reset") : ValueTask.FromResult(42), CancellationToken.None);
        Assert.Equal(42, answer);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task PersistentTransientFailure_GivesUpAfterEveryAttempt_AsUnavailable()
    {
        int calls = 0;
        var resilience = new StoreResilience("s3://b", Fast);
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() =>
            resilience.ExecuteAsync<int>("iris/aliases.json", _ => { calls++; throw new TransientStoreException("503 Slow Down"); }, CancellationToken.None));
        Assert.Equal(4, calls);
        Assert.Equal(ObjectStoreErrorKind.Unavailable, error.Kind);
        Assert.Contains("gave up after 4 attempt(s): 503 Slow Down", error.Message, StringComparison.Ordinal);
        Assert.Contains("iris/aliases.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonTransientFailure_IsNotRetried_AndIsFailed()
    {
        int calls = 0;
        var resilience = new StoreResilience("s3://b", Fast);
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() =>
            resilience.ExecuteAsync<int>("k", _ => { calls++; throw new FormatException("bad XML"); }, CancellationToken.None));
        Assert.Equal(1, calls);
        Assert.Equal(ObjectStoreErrorKind.Failed, error.Kind);
    }

    [Fact]
    public async Task StoreErrors_PassThroughUnchanged()
    {
        var thrown = new ObjectStoreException(ObjectStoreErrorKind.AccessDenied, "s3://b", "k", "403");
        var resilience = new StoreResilience("s3://b", Fast);
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => resilience.ExecuteAsync<int>("k", _ => throw thrown, CancellationToken.None));
        Assert.Same(thrown, error);
    }

    [Fact]
    public async Task StoreSpecificTransientCases_AreRetried()
    {
        int calls = 0;
        var resilience = new StoreResilience("s3://b", Fast, isTransient: ex => ex is InvalidOperationException, describe: _ => "throttled");
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() =>
            resilience.ExecuteAsync<int>("k", _ => { calls++; throw new InvalidOperationException("x"); }, CancellationToken.None));
        Assert.Equal(4, calls);
        Assert.Contains("throttled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAttemptPastTheTimeout_IsCancelled_AndCountsAsTransient()
    {
        int calls = 0;
        var resilience = new StoreResilience("s3://b", Fast with { MaxRetries = 1, RequestTimeout = TimeSpan.FromMilliseconds(50) });
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => resilience.ExecuteAsync<int>("k", async ct =>
        {
            calls++;
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return 0;
        }, CancellationToken.None));
        Assert.Equal(2, calls);
        Assert.Equal(ObjectStoreErrorKind.Unavailable, error.Kind);
        Assert.Contains("timed out after 50 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancellation_DuringTheBackoff_IsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var resilience = new StoreResilience("s3://b", Fast with { RetryBaseDelay = TimeSpan.FromMinutes(1) });
        var running = resilience.ExecuteAsync<int>("k", _ => { cts.CancelAfter(20); throw new HttpRequestException("reset"); }, cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task CallerCancellation_DuringAnAttempt_IsOperationCanceled_NotATimeout()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        var resilience = new StoreResilience("s3://b", Fast);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => resilience.ExecuteAsync<int>("k", async ct =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return 0;
        }, cts.Token));
    }

    [Theory]
    [InlineData(1, 0.0, 125)]
    [InlineData(1, 0.5, 250)]
    [InlineData(2, 0.5, 500)]
    [InlineData(4, 0.5, 2000)]
    [InlineData(4, 0.999, 2998)]
    [InlineData(20, 0.5, 30000)]
    [InlineData(1000, 0.0, 30000)]
    public void Backoff_DoublesPerRetry_WithJitter_AndIsCapped(int retry, double random, int expectedMs) =>
        Assert.Equal(expectedMs, (int)RetryBackoff.Delay(retry, TimeSpan.FromMilliseconds(250), random).TotalMilliseconds);

    [Fact]
    public void Backoff_WithNoBaseDelay_DoesNotWait() =>
        Assert.Equal(TimeSpan.Zero, RetryBackoff.Delay(3, TimeSpan.Zero, 0.7));
}
