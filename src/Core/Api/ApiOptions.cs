using Ember.Serving.Metrics;

namespace Ember.Api;

/// <summary>Limits and hooks of the prediction API (EMBER_MAX_ROWS, EMBER_MAX_BODY_BYTES).</summary>
public sealed record ApiOptions
{
    public const int DefaultMaxRows = 1000;
    public const int DefaultMaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>Largest number of rows in one predict request.</summary>
    public int MaxRows { get; init; } = DefaultMaxRows;

    /// <summary>Largest predict body in bytes.</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Where requests are counted and timed.</summary>
    public EmberMetrics Metrics { get; init; } = new();

    /// <summary>Called with the exception behind a 500 (a bug, never bad input) so the host can log it.</summary>
    public Action<Exception>? OnBug { get; init; }
}
