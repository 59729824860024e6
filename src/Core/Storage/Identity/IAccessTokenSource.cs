namespace Ember.Storage;

/// <summary>A bearer token and when it stops being valid.</summary>
public readonly record struct AccessToken(string Token, DateTimeOffset ExpiresOn);

/// <summary>
/// Where Microsoft Entra tokens for Azure Storage come from (managed identity, a test fake...).
/// Implementations may be called concurrently; wrap them in <see cref="CachingTokenSource"/>.
/// </summary>
public interface IAccessTokenSource
{
    ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>For error messages: which identity this is (never the secret).</summary>
    string Describe();
}
