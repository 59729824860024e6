using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.classification.LogisticRegressionModel: binomial (one coefficient row,
/// raw = [−m, m], threshold rule) or multinomial (raw = intercepts + matrix·x, softmax, argmax or
/// thresholds). Follows LogisticRegression.scala (LogisticRegressionParams.getThreshold /
/// checkThresholdConsistency, LogisticRegressionModel) and ProbabilisticClassifier.scala.
/// </summary>
public sealed class LogisticRegressionModel : StageDefinition, IClassificationModel
{
    public LogisticRegressionModel(StageInfo info, string featuresCol, string predictionCol, string rawPredictionCol, string probabilityCol,
        SparkMatrix coefficientMatrix, SparkVector interceptVector, int numClasses, bool isMultinomial,
        double threshold, bool thresholdIsSet, double[]? thresholds)
        : base(info)
    {
        FeaturesCol = featuresCol;
        PredictionCol = predictionCol;
        RawPredictionCol = rawPredictionCol;
        ProbabilityCol = probabilityCol;
        CoefficientMatrix = coefficientMatrix;
        InterceptVector = interceptVector;
        NumClasses = numClasses;
        IsMultinomial = isMultinomial;
        Threshold = threshold;
        ThresholdIsSet = thresholdIsSet;
        Thresholds = thresholds;
    }

    public string FeaturesCol { get; }

    public string PredictionCol { get; }

    public string RawPredictionCol { get; }

    public string ProbabilityCol { get; }

    /// <summary>K' × F coefficients (K' = 1 when binomial), any of the four layouts.</summary>
    public SparkMatrix CoefficientMatrix { get; }

    public SparkVector InterceptVector { get; }

    public int NumClasses { get; }

    public bool IsMultinomial { get; }

    /// <summary>The threshold param (set, saved default, or 0.5).</summary>
    public double Threshold { get; }

    /// <summary>Whether threshold was set explicitly (all params are "set" in files before 2.4).</summary>
    public bool ThresholdIsSet { get; }

    /// <summary>The thresholds param, null when undefined.</summary>
    public double[]? Thresholds { get; }

    public int NumFeatures => CoefficientMatrix.NumCols;

    public StageDefinition WithRawPredictionOnly(string featuresCol, string rawPredictionCol) =>
        new LogisticRegressionModel(Info, featuresCol, "", rawPredictionCol, "", CoefficientMatrix, InterceptVector, NumClasses,
            IsMultinomial, Threshold, ThresholdIsSet, Thresholds);

    public override long EstimatedBytes => 128 + CoefficientMatrix.Values.Length * 12L + InterceptVector.Values.Length * 8L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("rawPredictionCol", RawPredictionCol),
        new("probabilityCol", ProbabilityCol),
        new("numClasses", NumClasses.ToString(CultureInfo.InvariantCulture)),
        new("numFeatures", NumFeatures.ToString(CultureInfo.InvariantCulture)),
        new("isMultinomial", IsMultinomial ? "true" : "false"),
        new("threshold", Threshold.ToString("R", CultureInfo.InvariantCulture)),
        new("thresholds", Thresholds is null ? "" : string.Join(",", Thresholds.Select(t => t.ToString("R", CultureInfo.InvariantCulture)))),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (CoefficientMatrix.NumRows != InterceptVector.Size)
            throw builder.Error(null, $"coefficientMatrix has {CoefficientMatrix.NumRows} rows but interceptVector has {InterceptVector.Size} values.");
        if (IsMultinomial && CoefficientMatrix.NumRows != NumClasses)
            throw builder.Error(null, $"multinomial model has {CoefficientMatrix.NumRows} coefficient rows for {NumClasses} classes.");
        if (!IsMultinomial && (CoefficientMatrix.NumRows != 1 || NumClasses > 2))
            throw builder.Error(null, $"binomial model has {CoefficientMatrix.NumRows} coefficient rows and {NumClasses} classes; expected 1 row and at most 2 classes.");
        if (!IsMultinomial && !CoefficientMatrix.IsTransposed)
            throw builder.Error(null, "binomial coefficients must be row major (Spark refuses a column-major coefficientMatrix).");
        ProbabilisticClassifierParams.Validate(builder, Thresholds, NumClasses);
        double binaryThreshold = EffectiveThreshold(builder);
        int k = IsMultinomial ? NumClasses : 2;
        var slots = ClassifierOutputs.Add(builder, FeaturesCol, RawPredictionCol, ProbabilityCol, PredictionCol, k, NumFeatures);
        if (!slots.HasOutputs)
            return;
        var flavor = BlasFlavors.For(Info.Version);
        ClassifierKernel kernel = IsMultinomial
            ? new MultinomialLogisticKernel(slots, Thresholds, CoefficientMatrix, InterceptVector.ToArray(), flavor, Info.Version.AtLeast(3, 2))
            : new BinomialLogisticKernel(slots, CoefficientMatrix, InterceptVector[0], binaryThreshold, flavor, Info.Version.AtLeast(3, 1));
        builder.AddKernel(kernel, slots.Reads, slots.Writes);
    }

    /// <summary>
    /// LogisticRegressionParams.getThreshold after checkThresholdConsistency: thresholds (length 2)
    /// win as 1 / (1 + t0 / t1); when threshold is also set the two must agree within 1e-5. Only the
    /// binomial model uses the result; Spark checks consistency for multinomial models too.
    /// </summary>
    private double EffectiveThreshold(PipelineBuilder builder)
    {
        if (Thresholds is null)
            return Threshold;
        if (Thresholds.Length != 2)
        {
            if (ThresholdIsSet)
                throw builder.Error(null, $"threshold is set ({Threshold.ToString("R", CultureInfo.InvariantCulture)}), indicating binary classification, but thresholds has length {Thresholds.Length}; Spark refuses this model. Clear one of the two params.");
            return Threshold;
        }
        double t = 1.0 / (1.0 + Thresholds[0] / Thresholds[1]);
        if (ThresholdIsSet && !(Math.Abs(Threshold - t) < 1e-5))
            throw builder.Error(null, $"threshold ({Threshold.ToString("R", CultureInfo.InvariantCulture)}) and thresholds (equivalent to {t.ToString("R", CultureInfo.InvariantCulture)}) disagree; Spark refuses this model.");
        return t;
    }
}
