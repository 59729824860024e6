using Ember.Serving;

namespace Ember.Api;

/// <summary>GET /api/health (liveness: no I/O, always 200) and GET /api/health/ready.</summary>
internal sealed class HealthHandler(IModelProvider models)
{
    private static readonly ApiResponse LiveResponse =
        JsonResponses.Create(200, new HealthReport("ok"), EmberJsonContext.Default.HealthReport);

    public static ApiResponse Live() => LiveResponse;

    /// <summary>
    /// 200 when every warm model passes its examples (degraded ones, still serving their last good
    /// version, are listed with status "degraded"); 503 when a loaded model is not ready. No model
    /// loaded yet is ready: models load lazily on first use.
    /// </summary>
    public ApiResponse Ready()
    {
        var health = models.Health();
        bool notReady = false, degraded = false;
        foreach (var h in health)
        {
            notReady |= !h.Ready;
            degraded |= h.Degraded;
        }
        string status = notReady ? "not-ready" : degraded ? "degraded" : "ok";
        return JsonResponses.Create(notReady ? 503 : 200, new HealthReport(status, health), EmberJsonContext.Default.HealthReport);
    }
}
