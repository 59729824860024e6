using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.classification.LinearSVCModel (2.2+): m = dot(x, coefficients) + intercept,
/// raw = [−m, m], prediction = m &gt; threshold (default 0.0, applied to the raw margin). A
/// ClassificationModel, not probabilistic: there is no probability column. Follows LinearSVC.scala.
/// </summary>
public sealed class LinearSVCModel(StageInfo info, string featuresCol, string predictionCol, string rawPredictionCol,
    SparkVector coefficients, double intercept, double threshold)
    : StageDefinition(info), IClassificationModel
{
    public string FeaturesCol { get; } = featuresCol;

    public string PredictionCol { get; } = predictionCol;

    public string RawPredictionCol { get; } = rawPredictionCol;

    public SparkVector Coefficients { get; } = coefficients;

    public double Intercept { get; } = intercept;

    public double Threshold { get; } = threshold;

    public int NumClasses => 2;

    public StageDefinition WithRawPredictionOnly(string featuresCol, string rawPredictionCol) =>
        new LinearSVCModel(Info, featuresCol, "", rawPredictionCol, Coefficients, Intercept, Threshold);

    public override long EstimatedBytes => 64 + Coefficients.Values.Length * 12L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("rawPredictionCol", RawPredictionCol),
        new("numFeatures", Coefficients.Size.ToString(CultureInfo.InvariantCulture)),
        new("threshold", Threshold.ToString("R", CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var slots = ClassifierOutputs.Add(builder, FeaturesCol, RawPredictionCol, "", PredictionCol, 2, Coefficients.Size);
        if (!slots.HasOutputs)
            return;
        builder.AddKernel(new SvcKernel(slots, Coefficients, Intercept, Threshold, BlasFlavors.For(Info.Version)), slots.Reads, slots.Writes);
    }

    private sealed class SvcKernel(ClassifierSlots slots, SparkVector coefficients, double intercept, double threshold, BlasFlavor flavor)
        : ClassifierKernel(slots, null)
    {
        private readonly double[] _values = coefficients.Values;
        private readonly int[]? _indices = coefficients.Indices;

        private double Margin(in VectorView x)
        {
            double dot = _indices is null ? Blas.Dot(x, _values, flavor)
                : x.IsDense ? Blas.DotSparseDense(_indices, _values, x.Values)
                : Blas.DotSparseSparse(x.Indices, x.Values, _indices, _values);
            return dot + intercept;
        }

        protected override void PredictRaw(in VectorView features, Span<double> raw)
        {
            double m = Margin(features);
            raw[0] = -m;
            raw[1] = m;
        }

        // Never called: the probability column does not exist for this model.
        protected override string? RawToProbabilityInPlace(Span<double> values) => "LinearSVCModel has no probability.";

        protected override double RawToPrediction(ReadOnlySpan<double> raw, Span<double> scratch) => raw[1] > threshold ? 1.0 : 0.0;

        protected override double PredictFromFeatures(in VectorView features, Span<double> raw, Span<double> scratch) =>
            Margin(features) > threshold ? 1.0 : 0.0;
    }
}
