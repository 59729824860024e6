namespace Ember.Api;

/// <summary>The endpoints of the API.</summary>
internal enum Endpoint
{
    NotFound,
    Predict,
    ListModels,
    GetModel,
    Health,
    Ready,
    Metrics,
    Status,
    Monitor,
}

/// <summary>
/// A parsed request path. The hosts forward raw paths (no ASP.NET routing), so matching is a few
/// segment comparisons: /api/models[/{name}[/predict|/monitor]], /api/health[/ready], /api/metrics,
/// and / (the status page).
/// A trailing slash is tolerated; matching is case-sensitive except for the /api prefix.
/// </summary>
internal readonly record struct ApiRoute(Endpoint Endpoint, string? Model, string AllowedMethod)
{
    /// <summary>Label used in metrics (bounded: never the model name).</summary>
    public string MetricName => Endpoint switch
    {
        Endpoint.Predict => "predict",
        Endpoint.ListModels => "models",
        Endpoint.GetModel => "model",
        Endpoint.Health => "health",
        Endpoint.Ready => "ready",
        Endpoint.Metrics => "metrics",
        Endpoint.Status => "status",
        Endpoint.Monitor => "monitor",
        _ => "unknown",
    };

    public static ApiRoute Match(string path)
    {
        var p = path.AsSpan();
        int query = p.IndexOf('?');
        if (query >= 0)
            p = p[..query];
        if (p.Length > 1 && p[^1] == '/')
            p = p[..^1];
        if (p.IsEmpty || p.SequenceEqual("/"))
            return new ApiRoute(Endpoint.Status, null, "GET");
        if (!p.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            return default;
        p = p[5..];
        if (p.SequenceEqual("health"))
            return new ApiRoute(Endpoint.Health, null, "GET");
        if (p.SequenceEqual("health/ready"))
            return new ApiRoute(Endpoint.Ready, null, "GET");
        if (p.SequenceEqual("metrics"))
            return new ApiRoute(Endpoint.Metrics, null, "GET");
        if (p.SequenceEqual("models"))
            return new ApiRoute(Endpoint.ListModels, null, "GET");
        if (!p.StartsWith("models/"))
            return default;
        p = p[7..];
        int slash = p.IndexOf('/');
        if (slash < 0)
            return Name(p) is { } model ? new ApiRoute(Endpoint.GetModel, model, "GET") : default;
        if (p[(slash + 1)..].SequenceEqual("predict") && Name(p[..slash]) is { } name)
            return new ApiRoute(Endpoint.Predict, name, "POST");
        if (p[(slash + 1)..].SequenceEqual("monitor") && Name(p[..slash]) is { } monitored)
            return new ApiRoute(Endpoint.Monitor, monitored, "GET");
        return default;
    }

    /// <summary>A path segment as a model name: percent-decoded, non-empty, no further slashes.</summary>
    private static string? Name(ReadOnlySpan<char> segment)
    {
        if (segment.IsEmpty)
            return null;
        string name = segment.Contains('%') ? Uri.UnescapeDataString(segment.ToString()) : segment.ToString();
        return name.Length == 0 || name.Contains('/') ? null : name;
    }
}
