using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// MLeap's support_vector_machine op, an mllib SVMModel (mleap-core classification/
/// SupportVectorMachineModel.scala, 0.8; Spark side org.apache.spark.ml.mleap.classification.SVMModel):
/// m = dot(coefficients, x) + intercept, raw = [−m, m], probability = raw unchanged (the model's
/// raw2probability is the identity, so "probabilities" are margins), prediction = argmax (m &gt; 0;
/// a tie m = 0 gives 0.0) or, with thresholds, the first maximum of p[i] / t[i] (t = 0 → +∞) as
/// MLeap 0.8 and Spark 2's ProbabilisticClassificationModel compute it.
/// </summary>
public sealed class SupportVectorMachineModel(StageInfo info, string featuresCol, string predictionCol, string rawPredictionCol,
    string probabilityCol, SparkVector coefficients, double intercept, double[]? thresholds)
    : StageDefinition(info), IClassificationModel
{
    public string FeaturesCol { get; } = featuresCol;

    public string PredictionCol { get; } = predictionCol;

    public string RawPredictionCol { get; } = rawPredictionCol;

    public string ProbabilityCol { get; } = probabilityCol;

    public SparkVector Coefficients { get; } = coefficients;

    public double Intercept { get; } = intercept;

    /// <summary>Two thresholds when the bundle stores them, else null (argmax).</summary>
    public double[]? Thresholds { get; } = thresholds;

    public int NumClasses => 2;

    public StageDefinition WithRawPredictionOnly(string featuresCol, string rawPredictionCol) =>
        new SupportVectorMachineModel(Info, featuresCol, "", rawPredictionCol, "", Coefficients, Intercept, Thresholds);

    public override long EstimatedBytes => 64 + Coefficients.Values.Length * 12L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("rawPredictionCol", RawPredictionCol),
        new("probabilityCol", ProbabilityCol),
        new("numFeatures", Coefficients.Size.ToString(CultureInfo.InvariantCulture)),
        new("intercept", JavaNumberFormat.FormatDouble(Intercept)),
        new("thresholds", Thresholds is null ? "(none: argmax)" : string.Join(",", Thresholds.Select(JavaNumberFormat.FormatDouble))),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        ProbabilisticClassifierParams.Validate(builder, Thresholds, 2);
        var slots = ClassifierOutputs.Add(builder, FeaturesCol, RawPredictionCol, ProbabilityCol, PredictionCol, 2, Coefficients.Size);
        if (!slots.HasOutputs)
            return;
        builder.AddKernel(new SvmKernel(slots, Coefficients, Intercept, Thresholds, BlasFlavors.For(Info.Version)), slots.Reads, slots.Writes);
    }

    private sealed class SvmKernel(ClassifierSlots slots, SparkVector coefficients, double intercept, double[]? thresholds, BlasFlavor flavor)
        : ClassifierKernel(slots, thresholds)
    {
        private readonly double[] _values = coefficients.Values;
        private readonly int[]? _indices = coefficients.Indices;

        protected override void PredictRaw(in VectorView features, Span<double> raw)
        {
            double dot = _indices is null ? Blas.Dot(features, _values, flavor)
                : features.IsDense ? Blas.DotSparseDense(_indices, _values, features.Values)
                : Blas.DotSparseSparse(features.Indices, features.Values, _indices, _values);
            double m = dot + intercept;
            raw[0] = -m;
            raw[1] = m;
        }

        // MLeap's (and the Spark extension's) raw2probability returns the raw vector as it is.
        protected override string? RawToProbabilityInPlace(Span<double> values) => null;

        /// <summary>
        /// MLeap 0.8 / Spark 2 probabilityToPrediction: t = 0 scales to +∞ whatever p is (Spark 3
        /// divides, giving −∞ for a negative margin), then Vector.argmax (first maximum).
        /// </summary>
        protected override double ProbabilityToPrediction(ReadOnlySpan<double> probability)
        {
            if (Thresholds is not { } t)
                return ClassifierOutputs.Argmax(probability);
            double s0 = t[0] == 0.0 ? double.PositiveInfinity : probability[0] / t[0];
            double s1 = t[1] == 0.0 ? double.PositiveInfinity : probability[1] / t[1];
            return s1 > s0 ? 1.0 : 0.0;
        }
    }
}
