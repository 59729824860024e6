using Ember.Api;
using Ember.Batch;

namespace Ember.Functions.Azure;

// ============================================================================================
// LEAD, AT MERGE: replace the body of AddHandlers with the real prediction API and batch runner
// (model store from EMBER_MODEL_STORE, model cache, Api handler, batch runner) and delete the two
// NotWired* classes below. Nothing else in the host needs to change. Then, in
// tests/Ember.Functions.Azure.Tests/NativeSmokeTests.cs, set ExpectedPredictStatus to 200.
// ============================================================================================

/// <summary>The composition root: the one place that decides which API and batch handler the host runs.</summary>
internal static class HostComposition
{
    public static void AddHandlers(IServiceCollection services, Func<string, string?> environment)
    {
        services.AddSingleton<IApiHandler>(new NotWiredApiHandler());
        services.AddSingleton<IBatchJobHandler>(new NotWiredBatchJobHandler());
    }

    /// <summary>
    /// Stands in until the prediction API lands: liveness (GET /api/health) answers 200 so the
    /// process can be probed, every other request 503 problem+json.
    /// </summary>
    private sealed class NotWiredApiHandler : IApiHandler
    {
        public Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            if (request.Method == "GET" && request.Path == "/api/health")
                return Task.FromResult(new ApiResponse(200, "application/json", "{\"status\":\"ok\",\"api\":\"not wired yet\"}"u8.ToArray(), ApiRequest.EmptyMap));
            return Task.FromResult(HostProblem.Create(503, "Not wired yet", "not_wired",
                "This build of ember-azure has no prediction API composed in yet (HostComposition.cs)."));
        }
    }

    private sealed class NotWiredBatchJobHandler : IBatchJobHandler
    {
        public Task<BatchJobOutcome> RunAsync(string message, BatchJobContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new BatchJobOutcome(false, "", "This build of ember-azure has no batch runner composed in yet (HostComposition.cs).", Retryable: false));
    }
}
