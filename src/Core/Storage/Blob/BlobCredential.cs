using System.Net.Http.Headers;

namespace Ember.Storage;

/// <summary>How a <see cref="BlobStore"/> proves who it is: Shared Key, a SAS token or a bearer token.</summary>
internal abstract class BlobCredential
{
    /// <summary>A SAS query string (without '?') appended to every URL, or null.</summary>
    public virtual string? SasQuery => null;

    /// <summary>Adds whatever authorization the request needs, after every other header is set.</summary>
    public abstract ValueTask AuthorizeAsync(HttpRequestMessage request, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken);

    public abstract string Describe();
}

internal sealed class SharedKeyCredential(string account, byte[] key) : BlobCredential
{
    public string Account => account;

    public override ValueTask AuthorizeAsync(HttpRequestMessage request, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("x-ms-date", DateTimeOffset.UtcNow.ToString("R"));
        string toSign = SharedKeySigner.StringToSign(
            request.Method.Method,
            name => HeaderValue(request, name),
            request.Headers.NonValidated.Select(static h => KeyValuePair.Create(h.Key, h.Value.ToString())),
            account,
            request.RequestUri!.AbsolutePath,
            query);
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKey", account + ":" + SharedKeySigner.Sign(key, toSign));
        return ValueTask.CompletedTask;
    }

    public override string Describe() => $"Shared Key of account '{account}'";

    private static string? HeaderValue(HttpRequestMessage request, string name)
    {
        if (name == "Content-Length")
            return request.Content?.Headers.ContentLength is { } length ? length.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        if (request.Headers.NonValidated.TryGetValues(name, out var values)) return values.ToString();
        if (request.Content is { } content && content.Headers.NonValidated.TryGetValues(name, out values)) return values.ToString();
        return null;
    }
}

internal sealed class SasCredential(string sas) : BlobCredential
{
    public override string? SasQuery { get; } = sas.TrimStart('?');

    public override ValueTask AuthorizeAsync(HttpRequestMessage request, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    public override string Describe() => "a SAS token";
}

internal sealed class BearerTokenCredential(IAccessTokenSource tokens) : BlobCredential
{
    public override async ValueTask AuthorizeAsync(HttpRequestMessage request, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        AccessToken token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
    }

    public override string Describe() => $"a Microsoft Entra token from {tokens.Describe()}";
}
