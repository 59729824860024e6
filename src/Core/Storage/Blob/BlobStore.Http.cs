using System.Net;
using System.Text;

namespace Ember.Storage;

public sealed partial class BlobStore
{
    /// <summary>
    /// Builds, authorizes and sends one request under the retry/timeout pipeline. A fresh request
    /// is built per attempt (a sent HttpRequestMessage cannot be resent, and x-ms-date must be
    /// new). 5xx/408/429 answers are retried; the final response is returned to interpret.
    /// </summary>
    private Task<HttpResponseMessage> SendAsync(string? key,
        Func<(HttpRequestMessage Request, IReadOnlyList<KeyValuePair<string, string>> Query)> build,
        CancellationToken cancellationToken) =>
        _resilience.ExecuteAsync(key, async ct =>
        {
            var (request, query) = build();
            try
            {
                try
                {
                    await _credential.AuthorizeAsync(request, query, ct).ConfigureAwait(false);
                }
                catch (ManagedIdentityException ex)
                {
                    throw new ObjectStoreException(ObjectStoreErrorKind.AccessDenied, Location, key, ex.Message, ex);
                }
                HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (status >= 500 || status is 408 or 429)
                {
                    string problem = $"HTTP {status} {ErrorCode(response)}".TrimEnd();
                    response.Dispose();
                    throw new TransientStoreException(problem);
                }
                return response;
            }
            finally
            {
                request.Dispose();
            }
        }, cancellationToken);

    private HttpRequestMessage NewRequest(HttpMethod method, string? blobName, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var url = new StringBuilder(_serviceUrl).Append('/').Append(_container);
        if (blobName is not null)
        {
            url.Append('/');
            string[] segments = blobName.Split('/');
            for (int i = 0; i < segments.Length; i++)
            {
                if (i > 0) url.Append('/');
                url.Append(Uri.EscapeDataString(segments[i]));
            }
        }
        char separator = '?';
        foreach (var (name, value) in query)
        {
            url.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        if (_credential.SasQuery is { Length: > 0 } sas) url.Append(separator).Append(sas);

        var request = new HttpRequestMessage(method, new Uri(url.ToString()));
        request.Headers.TryAddWithoutValidation("x-ms-version", ApiVersion);
        return request;
    }

    /// <summary>The service's error code: on HEAD and some errors it is only in the header.</summary>
    private static string? ErrorCode(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-ms-error-code", out var values) ? values.FirstOrDefault() : null;

    /// <summary>Turns a non-retryable refusal into a typed error and releases the response.</summary>
    private ObjectStoreException Refused(string? key, HttpResponseMessage response)
    {
        int status = (int)response.StatusCode;
        string? code = ErrorCode(response);
        response.Dispose();
        return (response.StatusCode, code) switch
        {
            (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, _) => new ObjectStoreException(
                ObjectStoreErrorKind.AccessDenied, Location, key,
                $"HTTP {status} {code}: the service refused {_credential.Describe()} (check the key, SAS permissions/expiry or the identity's Storage Blob Data role)"),
            (HttpStatusCode.NotFound, "ContainerNotFound") => new ObjectStoreException(
                ObjectStoreErrorKind.Misconfigured, Location, key, $"the container '{_container}' does not exist"),
            (HttpStatusCode.NotFound, "ResourceNotFound" or "AccountNotFound" or null) when key is null => new ObjectStoreException(
                ObjectStoreErrorKind.Misconfigured, Location, key, $"HTTP {status} {code}: the account endpoint {_serviceUrl} does not know this resource"),
            _ => new ObjectStoreException(ObjectStoreErrorKind.Failed, Location, key, $"unexpected answer HTTP {status} {code}".TrimEnd()),
        };
    }

    private ObjectStoreException Unexpected(string key, HttpResponseMessage response, string problem)
    {
        response.Dispose();
        return new ObjectStoreException(ObjectStoreErrorKind.Failed, Location, key, $"the answer has {problem}");
    }
}
