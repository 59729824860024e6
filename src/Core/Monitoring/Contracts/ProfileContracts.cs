namespace Ember.Monitoring;

/// <summary>
/// The training profile `ember pack --baseline` stores in the manifest (ember.json "baseline"):
/// one profile per input column and per monitored output, built by scoring the training sample.
/// </summary>
/// <param name="FormatVersion">Bumped when the shape changes incompatibly.</param>
/// <param name="Rows">Rows of the sample that were profiled.</param>
/// <param name="CreatedAt">When the profile was built (UTC).</param>
/// <param name="Source">File name of the sample (no directory).</param>
/// <param name="RejectedRows">Rows of the sample left out because a value did not parse.</param>
/// <param name="Inputs">Raw input columns.</param>
/// <param name="Outputs">Outputs: prediction, class frequencies, probability histograms, labels.</param>
public sealed record ModelBaseline(
    int FormatVersion,
    long Rows,
    DateTimeOffset CreatedAt,
    string? Source,
    long RejectedRows,
    IReadOnlyList<ColumnProfileData> Inputs,
    IReadOnlyList<ColumnProfileData> Outputs)
{
    public const int CurrentFormat = 1;
}

/// <summary>
/// A compact, mergeable profile of one column over some rows.
/// </summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">numeric, categorical, boolean, class (a classifier's prediction), probability, or length (arrays and vectors: element count).</param>
/// <param name="Count">Rows observed, nulls included.</param>
/// <param name="Nulls">Rows with a null value.</param>
/// <param name="Unseen">Values a baseline never saw (categorical columns; 0 in a baseline).</param>
/// <param name="OutOfRange">Values outside the baseline's [min, max] (numeric columns; 0 in a baseline).</param>
/// <param name="Numeric">Moments, range and quantile sketch (numeric, class, length kinds).</param>
/// <param name="Categorical">Value frequencies (categorical, boolean, class kinds).</param>
/// <param name="Probability">Per-class probability histograms (probability kind).</param>
public sealed record ColumnProfileData(
    string Name,
    string Kind,
    long Count,
    long Nulls,
    long Unseen = 0,
    long OutOfRange = 0,
    NumericData? Numeric = null,
    CategoricalData? Categorical = null,
    ProbabilityData? Probability = null);

/// <summary>Moments and range of the non-null values; null statistics when there were none.</summary>
/// <param name="NaN">NaN values (not in the sketch nor the moments).</param>
/// <param name="Mean">Mean of the finite values.</param>
/// <param name="Variance">Sample variance (n − 1) of the finite values.</param>
/// <param name="Finite">Number of finite values (the weight of mean and variance when merging).</param>
public sealed record NumericData(long NaN, long Finite, double? Mean, double? Variance, double? Min, double? Max, SketchData Sketch);

/// <summary>A <see cref="QuantileSketch"/> stored sparsely: the non-empty buckets and their counts.</summary>
/// <param name="Layout">The grid (<see cref="QuantileSketch.Layout"/>); a reader refuses another.</param>
public sealed record SketchData(string Layout, int[] Buckets, long[] Counts);

/// <summary>Most frequent values (most frequent first) and the rows holding any other value.</summary>
/// <param name="Truncated">True when values were folded into <paramref name="Other"/> (too many distinct values).</param>
public sealed record CategoricalData(IReadOnlyList<CategoryCount> Values, long Other, bool Truncated);

public sealed record CategoryCount(string Value, long Count);

/// <summary>For each class, counts of its probability in <paramref name="Bins"/> equal bins over [0, 1].</summary>
public sealed record ProbabilityData(int Bins, long[][] Classes);
