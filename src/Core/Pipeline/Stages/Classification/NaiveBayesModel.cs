using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.classification.NaiveBayesModel: multinomial and bernoulli (all versions),
/// complement and gaussian (3.0+). pi = log priors (K), theta = K × F log likelihoods (means for
/// gaussian), sigma = K × F variances (gaussian only). Follows NaiveBayes.scala.
/// </summary>
public sealed class NaiveBayesModel(StageInfo info, string featuresCol, string predictionCol, string rawPredictionCol, string probabilityCol,
    string modelType, SparkVector pi, SparkMatrix theta, SparkMatrix? sigma, double[]? thresholds)
    : StageDefinition(info), IClassificationModel
{
    public const string Multinomial = "multinomial";
    public const string Bernoulli = "bernoulli";
    public const string Complement = "complement";
    public const string Gaussian = "gaussian";

    public string FeaturesCol { get; } = featuresCol;

    public string PredictionCol { get; } = predictionCol;

    public string RawPredictionCol { get; } = rawPredictionCol;

    public string ProbabilityCol { get; } = probabilityCol;

    public string ModelType { get; } = modelType;

    public SparkVector Pi { get; } = pi;

    public SparkMatrix Theta { get; } = theta;

    /// <summary>Variances for gaussian; null or 0×0 otherwise.</summary>
    public SparkMatrix? Sigma { get; } = sigma;

    public double[]? Thresholds { get; } = thresholds;

    public int NumClasses => Pi.Size;

    public int NumFeatures => Theta.NumCols;

    public StageDefinition WithRawPredictionOnly(string featuresCol, string rawPredictionCol) =>
        new NaiveBayesModel(Info, featuresCol, "", rawPredictionCol, "", ModelType, Pi, Theta, Sigma, Thresholds);

    public override long EstimatedBytes => 128 + (Theta.Values.Length + (Sigma?.Values.Length ?? 0)) * 12L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("rawPredictionCol", RawPredictionCol),
        new("probabilityCol", ProbabilityCol),
        new("modelType", ModelType),
        new("numClasses", NumClasses.ToString(CultureInfo.InvariantCulture)),
        new("numFeatures", NumFeatures.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        bool v3 = Info.Version.AtLeast(3, 0);
        bool known = ModelType is Multinomial or Bernoulli || (v3 && ModelType is Complement or Gaussian);
        if (!known)
            throw builder.Error(null, $"modelType '{ModelType}' is not one Spark {Info.Version} supports ({(v3 ? "multinomial, bernoulli, complement, gaussian" : "multinomial, bernoulli")}).");
        if (Theta.NumRows != Pi.Size)
            throw builder.Error(null, $"theta has {Theta.NumRows} rows but pi has {Pi.Size} classes.");
        if (ModelType == Gaussian && (Sigma is null || Sigma.NumRows != Theta.NumRows || Sigma.NumCols != Theta.NumCols))
            throw builder.Error(null, $"gaussian model needs sigma of shape {Theta.NumRows}x{Theta.NumCols}, found {(Sigma is null ? "none" : $"{Sigma.NumRows}x{Sigma.NumCols}")}.");
        ProbabilisticClassifierParams.Validate(builder, Thresholds, NumClasses);
        var slots = ClassifierOutputs.Add(builder, FeaturesCol, RawPredictionCol, ProbabilityCol, PredictionCol, NumClasses, NumFeatures);
        if (!slots.HasOutputs)
            return;
        builder.AddKernel(new NaiveBayesKernel(slots, this), slots.Reads, slots.Writes);
    }
}
