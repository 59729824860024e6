using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel: layers F, hidden…,
/// K; sigmoid hidden layers, the last affine layer is the raw prediction, softmax gives the
/// probability. A ProbabilisticClassificationModel (raw and probability columns) from 2.3
/// (SPARK-12664); before, a PredictionModel with only the prediction. Layer sizes are saved in
/// data up to 2.4 and as the layers param from 3.0. Follows MultilayerPerceptronClassifier.scala
/// and ml/ann/Layer.scala (FeedForwardTopology, AffineLayerModel, SoftmaxLayerModelWithCrossEntropyLoss).
/// </summary>
public sealed class MultilayerPerceptronClassificationModel(StageInfo info, string featuresCol, string predictionCol, string rawPredictionCol,
    string probabilityCol, int[] layers, double[] weights, double[]? thresholds)
    : StageDefinition(info), IClassificationModel
{
    public string FeaturesCol { get; } = featuresCol;

    public string PredictionCol { get; } = predictionCol;

    public string RawPredictionCol { get; } = rawPredictionCol;

    public string ProbabilityCol { get; } = probabilityCol;

    public int[] Layers { get; } = layers;

    /// <summary>Per layer pair (nIn → nOut): nOut×nIn weights column-major, then nOut biases.</summary>
    public double[] Weights { get; } = weights;

    public double[]? Thresholds { get; } = thresholds;

    /// <summary>
    /// The BLAS arithmetic to reproduce; null = the saving version's default. The 3.5.0 zoo MLP is
    /// bit-exact only with the FMA (Java11) kernels, while main's 3.2+ default is Java8.
    /// </summary>
    public BlasFlavor? Blas { get; init; }

    /// <summary>Whether the saving version outputs raw and probability columns (2.3+).</summary>
    public bool IsProbabilistic => Info.Version.AtLeast(2, 3);

    public int NumClasses => Layers[^1];

    public StageDefinition WithRawPredictionOnly(string featuresCol, string rawPredictionCol) =>
        new MultilayerPerceptronClassificationModel(Info, featuresCol, "", rawPredictionCol, "", Layers, Weights, Thresholds) { Blas = Blas };

    public override long EstimatedBytes => 128 + Weights.Length * 8L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("rawPredictionCol", IsProbabilistic ? RawPredictionCol : ""),
        new("probabilityCol", IsProbabilistic ? ProbabilityCol : ""),
        new("layers", string.Join(",", Layers.Select(l => l.ToString(CultureInfo.InvariantCulture)))),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (Layers.Length < 2)
            throw builder.Error(null, $"layers has {Layers.Length} entries; a perceptron needs at least the input and output sizes.");
        long expected = 0;
        foreach (int size in Layers)
        {
            if (size <= 0)
                throw builder.Error(null, $"layers holds the size {size}; every layer must have at least one neuron.");
        }
        for (int l = 0; l + 1 < Layers.Length; l++)
            expected += (long)Layers[l] * Layers[l + 1] + Layers[l + 1];
        if (expected != Weights.Length)
            throw builder.Error(null, $"layers [{string.Join(",", Layers)}] need {expected} weights but the model has {Weights.Length}.");
        int k = Layers[^1];
        ProbabilisticClassifierParams.Validate(builder, IsProbabilistic ? Thresholds : null, k);
        var slots = ClassifierOutputs.Add(builder, FeaturesCol, IsProbabilistic ? RawPredictionCol : "", IsProbabilistic ? ProbabilityCol : "",
            PredictionCol, k, Layers[0]);
        if (!slots.HasOutputs)
            return;
        builder.AddKernel(new MultilayerPerceptronKernel(slots, IsProbabilistic ? Thresholds : null, Layers, Weights, Blas ?? BlasFlavors.ForMatrix(Info.Version)),
            slots.Reads, slots.Writes);
    }
}
