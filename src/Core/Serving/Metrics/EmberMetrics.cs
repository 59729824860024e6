using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ember.Serving.Metrics;

/// <summary>
/// Ember's metrics, recorded twice from the same calls: into a small registry rendered at
/// /api/metrics (Prometheus text), and into the <see cref="MeterName"/> meter, which the hosts
/// export through OpenTelemetry (OTLP) when an endpoint is configured. Model labels only ever
/// hold names that resolved to a real model, so unknown names in URLs cannot grow the series.
/// </summary>
public sealed class EmberMetrics : IDisposable
{
    public const string MeterName = "Ember";

    private readonly Meter _meter = new(MeterName, "1.0");
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _rows;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Histogram<double> _loads;
    private readonly Counter<long> _loadFailures;
    private readonly Counter<long> _http;

    public EmberMetrics()
    {
        Http = new CounterFamily("ember_http_requests_total", "HTTP requests by route and status.", "route", "status");
        Requests = new CounterFamily("ember_predict_requests_total", "Predict requests per model version.", "model", "version");
        Errors = new CounterFamily("ember_predict_errors_total", "Predict requests answered with an error, by problem type.", "model", "version", "type");
        Rows = new CounterFamily("ember_predict_rows_total", "Rows scored per model version.", "model", "version");
        Latency = new HistogramFamily("ember_predict_duration_seconds", "Predict latency (parse, score, write) per model version.", HistogramFamily.LatencySeconds, "model", "version");
        CacheHits = new CounterFamily("ember_model_cache_hits_total", "Model requests served by a warm model.", "model");
        CacheMisses = new CounterFamily("ember_model_cache_misses_total", "Model requests that had to load the model.", "model");
        Loads = new HistogramFamily("ember_model_load_duration_seconds", "Model load time (read, compile, verify).", HistogramFamily.LoadSeconds, "model", "version");
        LoadFailures = new CounterFamily("ember_model_load_failures_total", "Model loads that failed.", "model");
        Families = [Http, Requests, Errors, Rows, Latency, CacheHits, CacheMisses, Loads, LoadFailures];

        _http = _meter.CreateCounter<long>("ember.http.requests", "{request}", "HTTP requests by route and status.");
        _requests = _meter.CreateCounter<long>("ember.predict.requests", "{request}", "Predict requests per model version.");
        _errors = _meter.CreateCounter<long>("ember.predict.errors", "{request}", "Predict requests answered with an error.");
        _rows = _meter.CreateCounter<long>("ember.predict.rows", "{row}", "Rows scored.");
        _latency = _meter.CreateHistogram<double>("ember.predict.duration", "s", "Predict latency.");
        _cacheHits = _meter.CreateCounter<long>("ember.model.cache.hits", "{request}", "Requests served by a warm model.");
        _cacheMisses = _meter.CreateCounter<long>("ember.model.cache.misses", "{request}", "Requests that loaded the model.");
        _loads = _meter.CreateHistogram<double>("ember.model.load.duration", "s", "Model load time.");
        _loadFailures = _meter.CreateCounter<long>("ember.model.load.failures", "{load}", "Failed model loads.");
    }

    public CounterFamily Http { get; }
    public CounterFamily Requests { get; }
    public CounterFamily Errors { get; }
    public CounterFamily Rows { get; }
    public HistogramFamily Latency { get; }
    public CounterFamily CacheHits { get; }
    public CounterFamily CacheMisses { get; }
    public HistogramFamily Loads { get; }
    public CounterFamily LoadFailures { get; }

    public IReadOnlyList<IMetricFamily> Families { get; }

    /// <summary>Any request the API answered (route: predict, models, model, health, ready, metrics, unknown).</summary>
    public void HttpRequest(string route, int status)
    {
        Http.Add(new MetricLabels(route, StatusText(status)));
        if (_http.Enabled)
            _http.Add(1, new TagList { { "route", route }, { "status", status } });
    }

    /// <summary>A predict request for a resolved model version (errorType: short problem type, or null on success).</summary>
    public void Predict(string model, string version, int rows, double seconds, string? errorType)
    {
        var labels = new MetricLabels(model, version);
        Requests.Add(labels);
        Latency.Observe(labels, seconds);
        if (rows > 0)
            Rows.Add(labels, rows);
        if (errorType is not null)
            Errors.Add(new MetricLabels(model, version, errorType));
        if (!_requests.Enabled && !_latency.Enabled)
            return;
        var tags = new TagList { { "model", model }, { "version", version } };
        _requests.Add(1, tags);
        _latency.Record(seconds, tags);
        if (rows > 0)
            _rows.Add(rows, tags);
        if (errorType is not null)
        {
            tags.Add("type", errorType);
            _errors.Add(1, tags);
        }
    }

    public void CacheHit(string model)
    {
        CacheHits.Add(new MetricLabels(model));
        if (_cacheHits.Enabled)
            _cacheHits.Add(1, new KeyValuePair<string, object?>("model", model));
    }

    public void CacheMiss(string model)
    {
        CacheMisses.Add(new MetricLabels(model));
        if (_cacheMisses.Enabled)
            _cacheMisses.Add(1, new KeyValuePair<string, object?>("model", model));
    }

    public void ModelLoaded(string model, string version, double seconds)
    {
        Loads.Observe(new MetricLabels(model, version), seconds);
        if (_loads.Enabled)
            _loads.Record(seconds, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("version", version));
    }

    public void ModelLoadFailed(string model)
    {
        LoadFailures.Add(new MetricLabels(model));
        if (_loadFailures.Enabled)
            _loadFailures.Add(1, new KeyValuePair<string, object?>("model", model));
    }

    /// <summary>Every family in the Prometheus text format.</summary>
    public string ToPrometheusText()
    {
        var writer = new PrometheusTextWriter();
        foreach (var family in Families)
            family.WriteTo(writer);
        return writer.ToString();
    }

    public void Dispose() => _meter.Dispose();

    private static string StatusText(int status) => status switch
    {
        200 => "200", 400 => "400", 404 => "404", 405 => "405", 413 => "413", 415 => "415", 500 => "500", 503 => "503",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
