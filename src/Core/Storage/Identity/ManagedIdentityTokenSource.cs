using System.Text.Json.Serialization;
using Ember.Configuration;

namespace Ember.Storage;

/// <summary>
/// Tokens from the App Service / Functions managed identity endpoint (IDENTITY_ENDPOINT with the
/// IDENTITY_HEADER secret, api-version 2019-08-01). Written by hand because a few dozen lines
/// are cheaper than Azure.Identity's dependency tree in a trimmed native binary.
/// </summary>
public sealed class ManagedIdentityTokenSource : IAccessTokenSource
{
    public const string StorageResource = "https://storage.azure.com/";
    private const string ApiVersion = "2019-08-01";

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _secret;
    private readonly string? _clientId;

    /// <param name="clientId">Client id of a user-assigned identity; null for the system-assigned one.</param>
    public ManagedIdentityTokenSource(string endpoint, string secret, string? clientId, HttpClient http)
    {
        _endpoint = new Uri(endpoint, UriKind.Absolute);
        _secret = secret;
        _clientId = clientId;
        _http = http;
    }

    /// <summary>The identity the environment describes, or null when IDENTITY_ENDPOINT/IDENTITY_HEADER are absent.</summary>
    public static ManagedIdentityTokenSource? FromEnvironment(Func<string, string?> environment, HttpClient http) =>
        environment(EmberSettings.IdentityEndpoint) is { Length: > 0 } endpoint && environment(EmberSettings.IdentityHeader) is { Length: > 0 } secret
            ? new ManagedIdentityTokenSource(endpoint, secret, environment(EmberSettings.AzureClientId) is { Length: > 0 } id ? id : null, http)
            : null;

    public async ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        string url = $"{_endpoint.AbsoluteUri}{(_endpoint.Query.Length == 0 ? "?" : "&")}resource={Uri.EscapeDataString(StorageResource)}&api-version={ApiVersion}"
                     + (_clientId is null ? "" : "&client_id=" + Uri.EscapeDataString(_clientId));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("X-IDENTITY-HEADER", _secret);
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        if (status >= 500 || status is 408 or 429)
            throw new TransientStoreException($"the managed identity endpoint answered HTTP {status}");
        if (!response.IsSuccessStatusCode)
            throw new ManagedIdentityException($"the managed identity endpoint {_endpoint.GetLeftPart(UriPartial.Path)} refused a token for {StorageResource} ({Describe()}): HTTP {status}: {Truncate(body)}");

        ManagedIdentityTokenResponse? parsed;
        try
        {
            parsed = System.Text.Json.JsonSerializer.Deserialize(body, IdentityJsonContext.Default.ManagedIdentityTokenResponse);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ManagedIdentityException($"the managed identity endpoint answered JSON that is not a token: {ex.Message}");
        }
        if (parsed is not { AccessToken: { Length: > 0 } token, ExpiresOn: > 0 and var expires })
            throw new ManagedIdentityException("the managed identity endpoint's answer lacks access_token or expires_on");
        return new AccessToken(token, DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    public string Describe() => _clientId is null ? "the system-assigned managed identity" : $"the managed identity with client id {_clientId}";

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "...";
}

/// <summary>The identity endpoint refused or answered nonsense: retrying will not help.</summary>
public sealed class ManagedIdentityException(string message) : Exception(message);

internal sealed record ManagedIdentityTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    // Documented as Unix seconds in a string; some endpoints send a number.
    [property: JsonPropertyName("expires_on"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long ExpiresOn);

[JsonSerializable(typeof(ManagedIdentityTokenResponse))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
