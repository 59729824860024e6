namespace Ember.Storage;

/// <summary>
/// Keeps a token until <see cref="RefreshMargin"/> before it expires, then fetches a new one;
/// concurrent callers share one fetch.
/// </summary>
public sealed class CachingTokenSource(IAccessTokenSource inner, TimeProvider? time = null) : IAccessTokenSource
{
    /// <summary>Managed identity tokens live about 24 h; renewing 5 min early avoids using one that expires in flight.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _current;

    public async ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } fresh && IsFresh(fresh)) return fresh;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } again && IsFresh(again)) return again;
            AccessToken token = await inner.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            _current = token;
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public string Describe() => inner.Describe();

    private bool IsFresh(AccessToken token) => _time.GetUtcNow() < token.ExpiresOn - RefreshMargin;
}
