using System.Collections.Concurrent;
using Ember.Api;

namespace Ember.Functions.Azure.Tests.Support;

/// <summary>Records every request it gets and answers with <see cref="Respond"/> (default: 200 "ok").</summary>
internal sealed class FakeApiHandler : IApiHandler
{
    public ConcurrentQueue<ApiRequest> Requests { get; } = new();

    public Func<ApiRequest, ApiResponse> Respond { get; set; } =
        _ => new ApiResponse(200, "application/json", "{\"ok\":true}"u8.ToArray(), ApiRequest.EmptyMap);

    public ApiRequest Single => Assert.Single(Requests);

    public Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(Respond(request));
    }
}
