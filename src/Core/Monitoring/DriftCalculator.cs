using System.Globalization;

namespace Ember.Monitoring;

/// <summary>
/// Compares a live column profile with its baseline. Numeric columns are binned at the
/// baseline's deciles (cut on the sketch grid, so both sides are counted over exactly the same
/// buckets); categorical ones over the baseline's values plus "(other)"; nulls and NaN are one
/// more bin, since a column going missing is drift too.
/// </summary>
public static class DriftCalculator
{
    private const int NumericBins = 10;
    private const int ChartCategories = 20;

    public static ColumnMonitorView Compare(ColumnProfileData live, ColumnProfileData? baseline)
    {
        var kind = ProfileKinds.Parse(live.Kind, live.Name);
        long nonNull = Math.Max(0, live.Count - live.Nulls);
        double nullRate = live.Count > 0 ? (double)live.Nulls / live.Count : 0;
        double? unseenRate = ProfileKinds.HasCategories(kind) && baseline is not null && nonNull > 0 ? (double)live.Unseen / nonNull : null;
        long numericCount = live.Numeric?.Sketch is { } s ? Sum(s.Counts) : 0;
        double? outOfRange = ProfileKinds.HasNumeric(kind) && baseline is not null && numericCount > 0 ? (double)live.OutOfRange / numericCount : null;

        double? psi = null, js = null;
        string? detail = null;
        IReadOnlyList<DriftBin> bins = [];
        if (baseline is not null && string.Equals(baseline.Kind, live.Kind, StringComparison.Ordinal))
        {
            switch (kind)
            {
                case ProfileKind.Numeric or ProfileKind.Length:
                    (psi, bins) = NumericDrift(live, baseline);
                    break;
                case ProfileKind.Probability:
                    (psi, bins, detail) = ProbabilityDrift(live, baseline);
                    break;
                default:
                    (psi, js, bins) = CategoricalDrift(live, baseline);
                    break;
            }
        }
        else
        {
            bins = LiveOnlyBins(live);
        }
        return new ColumnMonitorView(live.Name, live.Kind, live.Count, nullRate, unseenRate, outOfRange,
            Finite(psi), Finite(js), DriftThresholds.Level(nonNull, Finite(psi), Finite(js)), detail, bins,
            Summarize(live), baseline is null ? null : Summarize(baseline));
    }

    private static (double?, IReadOnlyList<DriftBin>) NumericDrift(ColumnProfileData live, ColumnProfileData baseline)
    {
        var expected = SketchCodec.FromData(baseline.Numeric?.Sketch, baseline.Name);
        var actual = SketchCodec.FromData(live.Numeric?.Sketch, live.Name);
        var ends = DecileEnds(expected.Counts);
        var e = new List<double>();
        var a = new List<double>();
        var labels = new List<string>();
        int start = 0;
        for (int g = 0; g < ends.Count; g++)
        {
            int end = ends[g];
            e.Add(SumRange(expected.Counts, start, end));
            a.Add(SumRange(actual.Counts, start, end));
            labels.Add(g == 0 ? (ends.Count == 1 ? "all" : $"< {Format(QuantileSketch.UpperBound(end))}")
                : g == ends.Count - 1 ? $">= {Format(QuantileSketch.LowerBound(start))}"
                : $"{Format(QuantileSketch.LowerBound(start))} .. {Format(QuantileSketch.UpperBound(end))}");
            start = end + 1;
        }
        double missingE = baseline.Nulls + (baseline.Numeric?.NaN ?? 0), missingA = live.Nulls + (live.Numeric?.NaN ?? 0);
        if (missingE > 0 || missingA > 0)
        {
            e.Add(missingE);
            a.Add(missingA);
            labels.Add("(null)");
        }
        double psi = DriftMeasures.PopulationStabilityIndex(e.ToArray(), a.ToArray());
        return (psi, ToBins(labels, e, a));
    }

    /// <summary>Last bucket index of each group holding ~1/10 of the baseline; the last group runs to the grid's end.</summary>
    private static List<int> DecileEnds(ReadOnlySpan<long> counts)
    {
        long total = 0;
        foreach (long c in counts) total += c;
        var ends = new List<int>();
        if (total == 0)
        {
            ends.Add(counts.Length - 1);
            return ends;
        }
        long seen = 0;
        int next = 1;
        int last = counts.Length - 1;
        while (last > 0 && counts[last] == 0) last--;
        for (int i = 0; i < last; i++)
        {
            seen += counts[i];
            if (seen * NumericBins >= total * next)
            {
                ends.Add(i);
                while (next < NumericBins && seen * NumericBins >= total * next) next++;
            }
        }
        ends.Add(counts.Length - 1);
        return ends;
    }

    private static (double?, double?, IReadOnlyList<DriftBin>) CategoricalDrift(ColumnProfileData live, ColumnProfileData baseline)
    {
        var baseValues = baseline.Categorical?.Values ?? [];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<string>();
        foreach (var v in baseValues)
        {
            if (v?.Value is null || !index.TryAdd(v.Value, labels.Count)) continue;
            labels.Add(v.Value);
        }
        var e = new double[labels.Count + 2];
        var a = new double[labels.Count + 2];
        int other = labels.Count, nulls = labels.Count + 1;
        foreach (var v in baseValues)
            if (v?.Value is not null) e[index[v.Value]] += v.Count;
        e[other] = baseline.Categorical?.Other ?? 0;
        e[nulls] = baseline.Nulls;
        foreach (var v in live.Categorical?.Values ?? [])
        {
            if (v?.Value is null) continue;
            a[index.TryGetValue(v.Value, out int i) ? i : other] += v.Count;
        }
        a[other] += live.Categorical?.Other ?? 0;
        a[nulls] = live.Nulls;
        labels.Add("(other)");
        labels.Add("(null)");
        double psi = DriftMeasures.PopulationStabilityIndex(e, a);
        double js = DriftMeasures.JensenShannonDistance(e, a);
        // Chart: the most frequent baseline values, then other and null.
        var shown = new List<DriftBin>();
        var bins = ToBins(labels, e, a);
        for (int i = 0; i < labels.Count - 2 && shown.Count < ChartCategories; i++)
            shown.Add(bins[i]);
        if (labels.Count - 2 > ChartCategories)
        {
            double restE = 0, restA = 0;
            for (int i = ChartCategories; i < labels.Count - 2; i++) { restE += bins[i].Expected; restA += bins[i].Actual; }
            shown.Add(new DriftBin("(rest)", restE, restA));
        }
        if (e[other] > 0 || a[other] > 0) shown.Add(bins[other]);
        if (e[nulls] > 0 || a[nulls] > 0) shown.Add(bins[nulls]);
        return (psi, js, shown);
    }

    private static (double?, IReadOnlyList<DriftBin>, string?) ProbabilityDrift(ColumnProfileData live, ColumnProfileData baseline)
    {
        var e = baseline.Probability;
        var a = live.Probability;
        if (e is null || a is null || e.Bins != a.Bins || e.Classes.Length != a.Classes.Length || e.Classes.Length == 0)
            return (null, [], null);
        // The class whose histogram moved most speaks for the column; binary: class 1 when tied.
        double worst = double.NegativeInfinity;
        int worstClass = 0;
        for (int c = e.Classes.Length - 1; c >= 0; c--)
        {
            double psi = DriftMeasures.PopulationStabilityIndex(ToDoubles(e.Classes[c]), ToDoubles(a.Classes[c]));
            if (psi > worst || double.IsNaN(worst))
                (worst, worstClass) = (psi, c);
        }
        var labels = new List<string>();
        for (int b = 0; b < e.Bins; b++)
            labels.Add($"{Format((double)b / e.Bins)} .. {Format((double)(b + 1) / e.Bins)}");
        var bins = ToBins(labels, ToDoubles(e.Classes[worstClass]), ToDoubles(a.Classes[worstClass]));
        return (worst, bins, $"class {worstClass.ToString(CultureInfo.InvariantCulture)}");
    }

    private static IReadOnlyList<DriftBin> LiveOnlyBins(ColumnProfileData live)
    {
        if (live.Categorical is { } cat)
        {
            var labels = new List<string>();
            var counts = new List<double>();
            foreach (var v in cat.Values.Take(ChartCategories))
            {
                labels.Add(v.Value);
                counts.Add(v.Count);
            }
            return ToBins(labels, new double[counts.Count], counts);
        }
        return [];
    }

    public static ProfileSummary Summarize(ColumnProfileData data)
    {
        var n = data.Numeric;
        double? p50 = null;
        if (n?.Sketch is { } sketchData && Sum(sketchData.Counts) > 0)
            p50 = SketchCodec.FromData(sketchData, data.Name).Quantile(0.5);
        IReadOnlyList<CategoryCount>? top = data.Categorical is { } c ? c.Values.Take(10).ToArray() : null;
        return new ProfileSummary(data.Count, data.Nulls, n?.Mean, n?.Variance is { } v ? Math.Sqrt(Math.Max(0, v)) : null,
            n?.Min, p50, n?.Max, top);
    }

    private static List<DriftBin> ToBins(List<string> labels, IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        double te = 0, ta = 0;
        foreach (var x in expected) te += x;
        foreach (var x in actual) ta += x;
        var bins = new List<DriftBin>(labels.Count);
        for (int i = 0; i < labels.Count; i++)
            bins.Add(new DriftBin(labels[i], te > 0 ? expected[i] / te : 0, ta > 0 ? actual[i] / ta : 0));
        return bins;
    }

    private static double[] ToDoubles(long[] values) => Array.ConvertAll(values ?? [], v => (double)v);

    private static double SumRange(ReadOnlySpan<long> counts, int start, int end)
    {
        double s = 0;
        for (int i = start; i <= end; i++) s += counts[i];
        return s;
    }

    private static long Sum(long[]? values)
    {
        long s = 0;
        foreach (long v in values ?? []) s += v;
        return s;
    }

    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;

    private static string Format(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
