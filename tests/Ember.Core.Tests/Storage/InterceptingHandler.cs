using System.Net;

namespace Ember.Core.Tests.Storage;

/// <summary>
/// Sits between a store's HTTP client and the real emulator to inject faults: failed attempts,
/// slow answers, or download bodies that are cut short or altered on the way.
/// </summary>
internal sealed class InterceptingHandler : DelegatingHandler
{
    private int _requests;

    public InterceptingHandler() : base(new SocketsHttpHandler()) { }

    /// <summary>Answer this many requests with 503 before letting them through.</summary>
    public int FailFirst { get; init; }

    /// <summary>Delay every answer (honouring cancellation) by this much.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Rewrites the body of a successful object download, whole or ranged (GET with an ETag, not a listing).</summary>
    public Func<byte[], byte[]>? TamperDownload { get; init; }

    public int Requests => _requests;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int n = Interlocked.Increment(ref _requests);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        if (n <= FailFirst)
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new ByteArrayContent([]) };

        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        bool isDownload = request.Method == HttpMethod.Get && response.StatusCode is HttpStatusCode.OK or HttpStatusCode.PartialContent
                          && response.Headers.ETag is not null && !request.RequestUri!.Query.Contains("list", StringComparison.Ordinal);
        if (TamperDownload is null || !isDownload) return response;

        byte[] original = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var altered = new ByteArrayContent(TamperDownload(original));
        foreach (var header in response.Content.Headers)
            altered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        altered.Headers.ContentLength = original.Length; // the lie a broken connection or proxy tells
        response.Content = altered;
        return response;
    }
}
