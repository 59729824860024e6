namespace Ember.Api;

/// <summary>
/// The transport-neutral API: every host (local server, Azure Functions custom handler, Lambda)
/// hands its requests here. Implementations never throw for bad input; they answer with a
/// problem+json response.
/// </summary>
public interface IApiHandler
{
    Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken);
}
