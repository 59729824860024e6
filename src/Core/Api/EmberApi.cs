using Ember.Monitoring;
using Ember.Serving;

namespace Ember.Api;

/// <summary>
/// The prediction API every host serves: routes a raw request to its endpoint handler and turns
/// every refusal into problem+json. Bad input is answered by the handlers as a value; the catch
/// below is for bugs only and is the one place a 500 can come from.
/// </summary>
public sealed class EmberApi : IApiHandler
{
    private readonly ApiOptions _options;
    private readonly PredictHandler _predict;
    private readonly ModelsHandler _models;
    private readonly HealthHandler _health;
    private readonly MonitorHandler _monitor;

    /// <param name="monitor">Profiles what is scored (drift against the baseline), null for none; serves /api/models/{name}/monitor and the gauges in /api/metrics.</param>
    public EmberApi(IModelProvider models, ApiOptions? options = null, MonitorHub? monitor = null)
    {
        _options = options ?? new ApiOptions();
        Monitor = monitor;
        _predict = new PredictHandler(models, _options, monitor);
        _models = new ModelsHandler(models);
        _health = new HealthHandler(models);
        _monitor = new MonitorHandler(models, monitor);
    }

    public ApiOptions Options => _options;

    public MonitorHub? Monitor { get; }

    public async Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var route = ApiRoute.Match(request.Path);
        ApiResponse response;
        try
        {
            response = await RouteAsync(route, request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the caller gave up (deadline, shutdown): not an answer, and not a bug
        }
        catch (Exception ex)
        {
            _options.OnBug?.Invoke(ex);
            response = ApiProblems.Create(ProblemTypes.Internal,
                $"Ember failed while answering this request ({ex.GetType().Name}). This is a bug, not a problem with the request; it has been logged.");
        }
        _options.Metrics.HttpRequest(route.MetricName, response.Status);
        return response;
    }

    private ValueTask<ApiResponse> RouteAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken)
    {
        if (route.Endpoint == Endpoint.NotFound)
            return ValueTask.FromResult(ApiProblems.Create(ProblemTypes.RouteNotFound,
                $"No endpoint at {ApiProblems.Excerpt(request.Path)}. Endpoints: POST /api/models/{{name}}/predict, GET /api/models, GET /api/models/{{name}}, GET /api/models/{{name}}/monitor, GET /api/health, GET /api/health/ready, GET /api/metrics."));
        if (!string.Equals(request.Method, route.AllowedMethod, StringComparison.OrdinalIgnoreCase))
            return ValueTask.FromResult(ApiProblems.Create(ProblemTypes.MethodNotAllowed,
                $"{ApiProblems.Excerpt(request.Method)} is not allowed here; use {route.AllowedMethod}.",
                headers: new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Allow"] = route.AllowedMethod }));
        return route.Endpoint switch
        {
            Endpoint.Predict => _predict.HandleAsync(route.Model!, request, cancellationToken),
            Endpoint.ListModels => _models.ListAsync(cancellationToken),
            Endpoint.GetModel => _models.GetAsync(route.Model!, request, cancellationToken),
            Endpoint.Health => ValueTask.FromResult(HealthHandler.Live()),
            Endpoint.Ready => ValueTask.FromResult(_health.Ready()),
            Endpoint.Monitor => _monitor.GetAsync(route.Model!, cancellationToken),
            Endpoint.Status => ValueTask.FromResult(StatusPage.Response()),
            _ => ValueTask.FromResult(MetricsHandler.Render(_options.Metrics, Monitor)),
        };
    }
}
