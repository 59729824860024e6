using System.Net.Sockets;

namespace Ember.Storage;

/// <summary>A failure worth retrying that is not an exception of its own (a 5xx, 408 or 429 answer).</summary>
internal sealed class TransientStoreException(string problem) : Exception(problem);

/// <summary>An attempt that ran past <see cref="StoreOptions.RequestTimeout"/> (the caller did not cancel).</summary>
internal sealed class StoreTimeoutException(TimeSpan timeout)
    : TimeoutException($"the request timed out after {timeout.TotalMilliseconds:0} ms");

/// <summary>
/// Runs one store request with bounded retries (exponential backoff with jitter, see
/// <see cref="RetryBackoff"/>) and a timeout per attempt, then turns whatever is left into an
/// <see cref="ObjectStoreException"/>, so no SDK or HttpClient exception crosses the store boundary.
/// </summary>
/// <remarks>
/// Written out rather than built with Polly: a Polly pipeline validates its options through
/// DataAnnotations reflection when it is built, which cost ~1.5 ms of a ~14 ms native Lambda cold
/// start (docs/benchmarks.md), and a retry loop with a per-attempt timeout is all a store needs.
/// </remarks>
internal sealed class StoreResilience
{
    private readonly string _location;
    private readonly Func<Exception, bool> _isTransient;
    private readonly Func<Exception, string?> _describe;
    private readonly int _maxRetries;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _requestTimeout;

    /// <param name="isTransient">The store's own transient cases (e.g. an SDK's 503 exception), beyond the common ones.</param>
    /// <param name="describe">The store's own wording for its exceptions (null: the common wording).</param>
    public StoreResilience(string location, StoreOptions options, Func<Exception, bool>? isTransient = null, Func<Exception, string?>? describe = null)
    {
        _location = location;
        _isTransient = isTransient ?? (static _ => false);
        _describe = describe ?? (static _ => null);
        _maxRetries = Math.Max(0, options.MaxRetries);
        _baseDelay = options.RetryBaseDelay;
        _requestTimeout = options.RequestTimeout;
    }

    public async Task<T> ExecuteAsync<T>(string? key, Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken)
    {
        for (int retry = 0; ; retry++)
        {
            try
            {
                return await AttemptAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (retry < _maxRetries && IsTransient(ex))
            {
                // Falls through to the backoff; the exception is not needed again.
            }
            catch (ObjectStoreException)
            {
                throw;
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                throw new ObjectStoreException(ObjectStoreErrorKind.Unavailable, _location, key,
                    $"gave up after {retry + 1} attempt(s): {_describe(ex) ?? Describe(ex)}", ex);
            }
            catch (Exception ex)
            {
                throw new ObjectStoreException(ObjectStoreErrorKind.Failed, _location, key, _describe(ex) ?? Describe(ex), ex);
            }
            await Task.Delay(RetryBackoff.Delay(retry + 1, _baseDelay, Random.Shared.NextDouble()), cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<T> AttemptAsync<T>(Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_requestTimeout);
        try
        {
            return await attempt(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new StoreTimeoutException(_requestTimeout) { Source = ex.Source };
        }
    }

    private bool IsTransient(Exception ex) => IsCommonTransient(ex) || _isTransient(ex);

    internal static bool IsCommonTransient(Exception ex) => ex switch
    {
        TransientStoreException or StoreTimeoutException or HttpRequestException or SocketException => true,
        IOException and not FileNotFoundException and not DirectoryNotFoundException => true,
        _ => ex.InnerException is { } inner && IsCommonTransient(inner),
    };

    internal static string Describe(Exception ex) => ex switch
    {
        StoreTimeoutException => ex.Message,
        HttpRequestException { InnerException: SocketException se } => $"{se.SocketErrorCode}: {se.Message}",
        _ when ex.InnerException is SocketException se => $"{se.SocketErrorCode}: {se.Message}",
        _ => ex.Message,
    };
}
