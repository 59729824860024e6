namespace Ember.Monitoring;

/// <summary>Per class, a histogram of the predicted probability over fixed bins of [0, 1].</summary>
internal sealed class ProbabilityAccumulator
{
    public const int DefaultBins = 10;
    private readonly long[] _counts;

    public ProbabilityAccumulator(int classes, int bins = DefaultBins)
    {
        Classes = Math.Max(1, classes);
        Bins = Math.Max(1, bins);
        _counts = new long[Classes * Bins];
    }

    public int Classes { get; }

    public int Bins { get; }

    /// <summary>Counts each class's probability (entries beyond the known classes are ignored; NaN too).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Add(ReadOnlySpan<double> probabilities)
    {
        int n = Math.Min(probabilities.Length, Classes);
        int bins = Bins;
        var counts = _counts;
        for (int c = 0; c < n; c++)
        {
            double p = probabilities[c];
            if (double.IsNaN(p))
                continue;
            int bin = (int)(p * bins);
            bin = bin < 0 ? 0 : bin >= bins ? bins - 1 : bin;
            counts[c * bins + bin]++;
        }
    }

    public long Count(int @class, int bin) => _counts[@class * Bins + bin];

    public void Merge(ProbabilityAccumulator other)
    {
        if (other.Classes != Classes || other.Bins != Bins)
            throw new FormatException($"probability histograms differ in shape ({Classes}x{Bins} vs {other.Classes}x{other.Bins})");
        for (int i = 0; i < _counts.Length; i++)
            _counts[i] += other._counts[i];
    }

    public ProbabilityData ToData()
    {
        var classes = new long[Classes][];
        for (int c = 0; c < Classes; c++)
            classes[c] = _counts.AsSpan(c * Bins, Bins).ToArray();
        return new ProbabilityData(Bins, classes);
    }

    public static ProbabilityAccumulator FromData(ProbabilityData data, string column)
    {
        var classes = data.Classes ?? [];
        if (data.Bins < 1 || data.Bins > 1000 || classes.Length > 100_000)
            throw new FormatException($"column '{column}': a probability histogram of {classes.Length} classes x {data.Bins} bins is not valid");
        var result = new ProbabilityAccumulator(classes.Length, data.Bins);
        for (int c = 0; c < classes.Length; c++)
        {
            var row = classes[c] ?? [];
            if (row.Length != data.Bins)
                throw new FormatException($"column '{column}': class {c} has {row.Length} probability bins, expected {data.Bins}");
            row.CopyTo(result._counts, c * data.Bins);
        }
        return result;
    }
}
