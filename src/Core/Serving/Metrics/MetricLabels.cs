namespace Ember.Serving.Metrics;

/// <summary>
/// Up to three label values of one time series, compared by value: looking a series up allocates
/// nothing. Unused positions are empty.
/// </summary>
public readonly record struct MetricLabels(string A, string B = "", string C = "");
