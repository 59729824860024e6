using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Ember.Storage;

/// <summary>A failure worth retrying that is not an exception of its own (a 5xx, 408 or 429 answer).</summary>
internal sealed class TransientStoreException(string problem) : Exception(problem);

/// <summary>
/// Runs one store request with bounded retries (exponential backoff with jitter) and a timeout
/// per attempt, then turns whatever is left into an <see cref="ObjectStoreException"/>, so no
/// SDK or HttpClient exception crosses the store boundary.
/// </summary>
internal sealed class StoreResilience
{
    private readonly ResiliencePipeline _pipeline;
    private readonly string _location;
    private readonly Func<Exception, bool> _isTransient;
    private readonly Func<Exception, string?> _describe;
    private readonly int _attempts;

    /// <param name="isTransient">The store's own transient cases (e.g. an SDK's 503 exception), beyond the common ones.</param>
    /// <param name="describe">The store's own wording for its exceptions (null: the common wording).</param>
    public StoreResilience(string location, StoreOptions options, Func<Exception, bool>? isTransient = null, Func<Exception, string?>? describe = null)
    {
        _location = location;
        _isTransient = isTransient ?? (static _ => false);
        _describe = describe ?? (static _ => null);
        _attempts = options.MaxRetries + 1;
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsTransient(ex)),
            });
        }
        _pipeline = builder.AddTimeout(options.RequestTimeout).Build();
    }

    public async Task<T> ExecuteAsync<T>(string? key, Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(static (op, ct) => op(ct), attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            throw new ObjectStoreException(ObjectStoreErrorKind.Unavailable, _location, key,
                $"gave up after {_attempts} attempt(s): {_describe(ex) ?? Describe(ex)}", ex);
        }
        catch (Exception ex)
        {
            throw new ObjectStoreException(ObjectStoreErrorKind.Failed, _location, key, _describe(ex) ?? Describe(ex), ex);
        }
    }

    private bool IsTransient(Exception ex) => IsCommonTransient(ex) || _isTransient(ex);

    internal static bool IsCommonTransient(Exception ex) => ex switch
    {
        TransientStoreException or TimeoutRejectedException or HttpRequestException or SocketException => true,
        IOException and not FileNotFoundException and not DirectoryNotFoundException => true,
        _ => ex.InnerException is { } inner && IsCommonTransient(inner),
    };

    internal static string Describe(Exception ex) => ex switch
    {
        TimeoutRejectedException => "the request timed out",
        HttpRequestException { InnerException: SocketException se } => $"{se.SocketErrorCode}: {se.Message}",
        _ when ex.InnerException is SocketException se => $"{se.SocketErrorCode}: {se.Message}",
        _ => ex.Message,
    };
}
