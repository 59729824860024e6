using Ember.Pipeline;

namespace Ember.Monitoring;

/// <summary>
/// The running profile of one column (baseline or live): row and null counts plus the
/// accumulator its kind needs. Against a baseline it also counts unseen categories and values
/// outside the training range. <see cref="Observe"/> walks a frame column once, allocation-free.
/// </summary>
internal sealed partial class ColumnProfile
{
    /// <summary>Distinct values a live profile learns beyond its baseline's before folding into other.</summary>
    public const int LiveLearnable = 64;

    /// <summary>Distinct values counted exactly while building a baseline (then the top ones are kept).</summary>
    public const int BaselineLearnable = 100_000;

    /// <summary>Values kept per categorical column in a stored profile.</summary>
    public const int StoredCategories = 256;

    private readonly double _rangeMin;
    private readonly double _rangeMax;
    private readonly bool _hasBaseline;

    private ColumnProfile(ColumnSpec spec, NumericAccumulator? numeric, CategoryAccumulator? categories,
        ProbabilityAccumulator? probability, double rangeMin, double rangeMax, bool hasBaseline)
    {
        Spec = spec;
        Numeric = numeric;
        Categories = categories;
        Probability = probability;
        _rangeMin = rangeMin;
        _rangeMax = rangeMax;
        _hasBaseline = hasBaseline;
    }

    public ColumnSpec Spec { get; }

    public string Name => Spec.Name;

    public ProfileKind Kind => Spec.Kind;

    public long Count { get; private set; }

    public long Nulls { get; private set; }

    public long Unseen { get; private set; }

    public long OutOfRange { get; private set; }

    public NumericAccumulator? Numeric { get; }

    public CategoryAccumulator? Categories { get; }

    public ProbabilityAccumulator? Probability { get; }

    /// <summary>An empty profile; with a <paramref name="baseline"/> it knows its categories and range.</summary>
    public static ColumnProfile Create(ColumnSpec spec, ColumnProfileData? baseline, int learnable)
    {
        double min = double.NegativeInfinity, max = double.PositiveInfinity;
        if (baseline?.Numeric is { Min: { } bmin, Max: { } bmax })
            (min, max) = (bmin, bmax);
        var known = KnownValues(spec, baseline);
        return new ColumnProfile(
            spec,
            ProfileKinds.HasNumeric(spec.Kind) ? new NumericAccumulator() : null,
            ProfileKinds.HasCategories(spec.Kind) ? new CategoryAccumulator(known, spec.Kind == ProfileKind.Boolean ? 0 : learnable) : null,
            spec.Kind == ProfileKind.Probability ? new ProbabilityAccumulator(spec.Classes) : null,
            min, max, baseline is not null);
    }

    /// <summary>
    /// The categories a profile of <paramref name="spec"/> starts with (none learnable), or null
    /// for a kind without categories: what every window's profile of that column knows, in the
    /// same order, for resolving category indexes once per plan.
    /// </summary>
    public static CategoryAccumulator? KnownCategories(ColumnSpec spec, ColumnProfileData? baseline) =>
        ProfileKinds.HasCategories(spec.Kind) ? new CategoryAccumulator(KnownValues(spec, baseline), 0) : null;

    /// <summary>Rebuilds a profile from stored data (for merging snapshots and comparing).</summary>
    public static ColumnProfile FromData(ColumnProfileData data, int learnable = BaselineLearnable)
    {
        var kind = ProfileKinds.Parse(data.Kind, data.Name);
        // Class values are learned back by name: stored data omits classes that never occurred.
        int classes = kind == ProfileKind.Probability ? data.Probability?.Classes?.Length ?? 0 : 0;
        var profile = Create(new ColumnSpec(data.Name, kind, classes), null, learnable);
        profile.Count = Math.Max(0, data.Count);
        profile.Nulls = Math.Max(0, data.Nulls);
        profile.Unseen = Math.Max(0, data.Unseen);
        profile.OutOfRange = Math.Max(0, data.OutOfRange);
        if (profile.Numeric is not null && data.Numeric is not null)
            profile.Numeric.Merge(NumericAccumulator.FromData(data.Numeric, data.Name));
        if (profile.Categories is not null && data.Categorical is not null)
        {
            foreach (var v in data.Categorical.Values ?? [])
                if (v?.Value is not null)
                    profile.Categories.Add(v.Value, v.Count);
            profile.Categories.AddOther(data.Categorical.Other);
        }
        if (profile.Probability is not null && data.Probability is not null)
            profile.Probability.Merge(ProbabilityAccumulator.FromData(data.Probability, data.Name));
        return profile;
    }

    public void Merge(ColumnProfile other)
    {
        if (other.Kind != Kind)
            throw new FormatException($"column '{Name}' is profiled as {ProfileKinds.Name(Kind)} in one snapshot and {ProfileKinds.Name(other.Kind)} in another");
        Count += other.Count;
        Nulls += other.Nulls;
        Unseen += other.Unseen;
        OutOfRange += other.OutOfRange;
        Numeric?.Merge(other.Numeric!);
        Categories?.Merge(other.Categories!);
        if (Probability is not null && other.Probability is not null)
            Probability.Merge(other.Probability);
    }

    public ColumnProfileData ToData(int maxCategories = StoredCategories) => new(
        Name, ProfileKinds.Name(Kind), Count, Nulls, Unseen, OutOfRange,
        Numeric?.ToData(), Categories?.ToData(maxCategories), Probability?.ToData());

    private static IReadOnlyList<string> KnownValues(ColumnSpec spec, ColumnProfileData? baseline)
    {
        switch (spec.Kind)
        {
            case ProfileKind.Boolean:
                return ["false", "true"];
            case ProfileKind.Class:
                var classes = new string[Math.Max(0, spec.Classes)];
                for (int i = 0; i < classes.Length; i++)
                    classes[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return classes;
            case ProfileKind.Categorical when baseline?.Categorical?.Values is { } values:
                var known = new List<string>(values.Count);
                foreach (var v in values)
                    if (v?.Value is not null)
                        known.Add(v.Value);
                return known;
            default:
                return [];
        }
    }
}
