using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ember.Functions.Lambda.Contracts;

namespace Ember.Functions.Lambda.Runtime;

/// <summary>The Runtime API over HTTP, at http://$AWS_LAMBDA_RUNTIME_API/2018-06-01.</summary>
internal sealed class RuntimeApiClient : IRuntimeApiClient, IDisposable
{
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private static readonly MediaTypeHeaderValue ErrorContentType = new("application/vnd.aws.lambda.error+json");
    private static readonly MediaTypeHeaderValue ResponseContentType = new("application/json");

    private readonly HttpClient _http;

    public RuntimeApiClient(string runtimeApi)
    {
        var handler = new SocketsHttpHandler
        {
            // The Runtime API is on the sandbox's loopback; an HTTP(S)_PROXY meant for the
            // function's own traffic must never capture it.
            UseProxy = false,
            // Between invocations the sandbox is frozen, so wall-clock time jumps on thaw; an idle
            // timeout would drop the one connection right when the next event is being handed out.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/"),
            // /next is a long poll that returns only when an event arrives, which may be hours
            // later, and the process is frozen meanwhile: any client timeout would fire on thaw
            // and throw away the event that woke us. Deadlines are enforced per invocation instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new RuntimeApiException($"GET /runtime/invocation/next answered {(int)response.StatusCode}.");
        string requestId = Single(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("GET /runtime/invocation/next returned an event without Lambda-Runtime-Aws-Request-Id.");
        long? deadline = long.TryParse(Single(response, "Lambda-Runtime-Deadline-Ms"), out long ms) ? ms : null;
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new Invocation(
            requestId,
            deadline,
            Single(response, "Lambda-Runtime-Trace-Id"),
            Single(response, "Lambda-Runtime-Invoked-Function-Arn"),
            body);
    }

    public async Task<int> RespondAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = ResponseContentType;
        using var response = await _http.PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken)
            .ConfigureAwait(false);
        ThrowOnContainerError(response, "response");
        return (int)response.StatusCode;
    }

    public Task ReportErrorAsync(string requestId, InvocationError error, CancellationToken cancellationToken) =>
        PostErrorAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    public Task ReportInitErrorAsync(InvocationError error, CancellationToken cancellationToken) =>
        PostErrorAsync("runtime/init/error", error, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task PostErrorAsync(string path, InvocationError error, CancellationToken cancellationToken)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(
            new LambdaErrorBody(error.ErrorMessage, error.ErrorType, []), LambdaJsonContext.Default.LambdaErrorBody);
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = ErrorContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.ErrorType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        ThrowOnContainerError(response, path);
    }

    // 500 from the Runtime API means the sandbox is broken: the documented reaction is to exit.
    private static void ThrowOnContainerError(HttpResponseMessage response, string what)
    {
        if (response.StatusCode >= HttpStatusCode.InternalServerError)
            throw new RuntimeApiException($"The Runtime API answered {(int)response.StatusCode} to {what}: the sandbox is unusable.");
    }

    private static string? Single(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>The Runtime API itself failed; the process cannot go on and exits.</summary>
internal sealed class RuntimeApiException(string message) : Exception(message);
