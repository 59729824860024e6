using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.classification.FMClassificationModel (3.0+): m = the factorization-machine
/// margin, raw = [−m, m], p1 = 1 / (1 + exp(−m)), p0 = 1 − p1 (the opposite order of
/// LogisticRegression 3.x), prediction = argmax(raw) or the thresholds rule.
/// Follows FMClassifier.scala (predictRaw, raw2probabilityInPlace).
/// </summary>
public sealed class FMClassificationModel(StageInfo info, string featuresCol, string predictionCol, string rawPredictionCol,
    string probabilityCol, FactorizationMachine machine, double[]? thresholds)
    : StageDefinition(info), IClassificationModel
{
    public string FeaturesCol { get; } = featuresCol;

    public string PredictionCol { get; } = predictionCol;

    public string RawPredictionCol { get; } = rawPredictionCol;

    public string ProbabilityCol { get; } = probabilityCol;

    public FactorizationMachine Machine { get; } = machine;

    public double[]? Thresholds { get; } = thresholds;

    public int NumClasses => 2;

    public StageDefinition WithRawPredictionOnly(string featuresCol, string rawPredictionCol) =>
        new FMClassificationModel(Info, featuresCol, "", rawPredictionCol, "", Machine, Thresholds);

    public override long EstimatedBytes => 128 + (Machine.Factors.Values.Length * 2L + Machine.Linear.Values.Length) * 8L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("rawPredictionCol", RawPredictionCol),
        new("probabilityCol", ProbabilityCol),
        new("numFeatures", Machine.NumFeatures.ToString(CultureInfo.InvariantCulture)),
        new("factorSize", Machine.FactorSize.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        ProbabilisticClassifierParams.Validate(builder, Thresholds, 2);
        var slots = ClassifierOutputs.Add(builder, FeaturesCol, RawPredictionCol, ProbabilityCol, PredictionCol, 2, Machine.NumFeatures);
        if (slots.HasOutputs)
            builder.AddKernel(new FMKernel(slots, Thresholds, Machine, BlasFlavors.For(Info.Version)), slots.Reads, slots.Writes);
    }

    private sealed class FMKernel(ClassifierSlots slots, double[]? thresholds, FactorizationMachine machine, BlasFlavor flavor)
        : ClassifierKernel(slots, thresholds)
    {
        protected override void PredictRaw(in VectorView features, Span<double> raw)
        {
            double m = machine.Margin(features, flavor);
            raw[0] = -m;
            raw[1] = m;
        }

        protected override string? RawToProbabilityInPlace(Span<double> values)
        {
            values[1] = 1.0 / (1.0 + Math.Exp(-values[1]));
            values[0] = 1.0 - values[1];
            return null;
        }
    }
}
