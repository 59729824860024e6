using Ember.Api;

namespace Ember.Functions.Lambda.Tests.Fakes;

/// <summary>Records the requests it sees and answers with a fixed response (or throws).</summary>
internal sealed class FakeApiHandler(Func<ApiRequest, ApiResponse>? answer = null) : IApiHandler
{
    public List<ApiRequest> Requests { get; } = [];

    public Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(answer?.Invoke(request)
            ?? new ApiResponse(200, "application/json", "{\"ok\":true}"u8.ToArray(), ApiRequest.EmptyMap));
    }
}
