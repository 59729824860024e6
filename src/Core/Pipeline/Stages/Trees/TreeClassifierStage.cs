using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// What the three tree classifiers share: the classifier outputs (raw, probability, prediction
/// through <see cref="ClassifierKernel"/>), then leafCol (3.0+), as Spark's transform adds them.
/// </summary>
public abstract class TreeClassifierStage(StageInfo info, TreeOutputColumns columns, TreeEnsemble trees, int numClasses)
    : StageDefinition(info), IClassificationModel
{
    public TreeOutputColumns Columns { get; } = columns;

    public TreeEnsemble Trees { get; } = trees;

    public int NumClasses { get; } = numClasses;

    public override long EstimatedBytes => 256 + Trees.NodeCount * 40L + Trees.LeafStats.Length * 16L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
        [.. Columns.Describe(Trees), new("numClasses", NumClasses.ToString(CultureInfo.InvariantCulture))];

    internal abstract ClassifierKernel CreateKernel(ClassifierSlots slots);

    /// <summary>The same model with other output columns.</summary>
    internal abstract TreeClassifierStage WithColumns(TreeOutputColumns columns);

    public StageDefinition WithRawPredictionOnly(string featuresCol, string rawPredictionCol) =>
        WithColumns(new TreeOutputColumns(featuresCol, "", RawPredictionCol: rawPredictionCol, Thresholds: Columns.Thresholds));

    public override void Compile(PipelineBuilder builder)
    {
        if (Columns.Thresholds is { } t && t.Length != NumClasses)
            throw builder.Error(null, $"thresholds has {t.Length} values but the model has {NumClasses} classes.");
        var slots = ClassifierOutputs.Add(builder, Columns.FeaturesCol, Columns.RawPredictionCol, Columns.ProbabilityCol,
            Columns.PredictionCol, NumClasses, Trees.NumFeatures);
        if (slots.HasOutputs)
            builder.AddKernel(CreateKernel(slots), slots.Reads, slots.Writes);
        builder.TryGetColumn(Columns.FeaturesCol, out var features);
        TreeLeafKernel.Add(builder, Trees, features, Columns.LeafCol, this is DecisionTreeClassificationModel);
    }
}

/// <summary>The classifier math shared by tree models: class-count raw predictions normalized to probabilities.</summary>
internal abstract class TreeClassifierKernel(ClassifierSlots slots, double[]? thresholds, TreeEnsemble trees, bool strictNormalize)
    : ClassifierKernel(slots, thresholds)
{
    protected TreeEnsemble Trees { get; } = trees;

    protected override string? RawToProbabilityInPlace(Span<double> values) => NormalizeToProbabilities(values, strictNormalize);

    /// <summary>
    /// ProbabilisticClassificationModel.normalizeToProbabilitiesInPlace: divide by the sequential sum.
    /// Spark 3.x requires every value ≥ 0 and a positive sum (else the row fails); 2.x leaves an
    /// all-zero vector as it is.
    /// </summary>
    internal static string? NormalizeToProbabilities(Span<double> values, bool strict)
    {
        double sum = 0.0;
        foreach (var v in values)
        {
            if (strict && !(v >= 0.0))
                return "the raw prediction has a negative or NaN class weight, which cannot be normalized to probabilities.";
            sum += v;
        }
        if (strict && !(sum > 0.0))
            return "the raw prediction is all zeros, which Spark 3.x refuses to normalize to probabilities (\"Can't normalize the 0-vector\").";
        if (sum != 0.0)
        {
            for (int i = 0; i < values.Length; i++)
                values[i] /= sum;
        }
        return null;
    }
}
