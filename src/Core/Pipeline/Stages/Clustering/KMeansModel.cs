using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.clustering.KMeansModel: prediction (int) = index of the closest center.
/// euclidean: squared distances by fastSquaredDistance; Spark ≤ 3.0 scans the centers, skipping
/// one when (‖c‖ − ‖x‖)² ≥ best, keeping the first strict minimum; 3.1+ uses the
/// triangle-inequality search over precomputed center statistics (early exits), which picks the
/// same center except in floating-point near-ties. cosine (2.4+): 1 − dot / ‖c‖ / ‖x‖, a zero
/// vector fails the row. Follows mllib KMeansModel.predict and DistanceMeasure.scala.
/// </summary>
public sealed class KMeansModel : StageDefinition
{
    public KMeansModel(StageInfo info, string featuresCol, string predictionCol, string distanceMeasure, IReadOnlyList<SparkVector> clusterCenters)
        : base(info)
    {
        if (clusterCenters.Count == 0)
            throw new ArgumentException("the model has no cluster centers.");
        foreach (var c in clusterCenters)
            if (c.Size != clusterCenters[0].Size)
                throw new ArgumentException($"cluster centers have different sizes ({clusterCenters[0].Size} and {c.Size}).");
        FeaturesCol = featuresCol;
        PredictionCol = predictionCol;
        DistanceMeasure = distanceMeasure;
        ClusterCenters = clusterCenters;
    }

    public string FeaturesCol { get; }

    public string PredictionCol { get; }

    public string DistanceMeasure { get; }

    public IReadOnlyList<SparkVector> ClusterCenters { get; }

    public override long EstimatedBytes => 128 + ClusterCenters.Sum(c => c.Values.Length * 12L) + ClusterCenters.Count * (long)ClusterCenters.Count * 8;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("distanceMeasure", DistanceMeasure),
        new("k", ClusterCenters.Count.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        bool cosine = DistanceMeasure switch
        {
            "euclidean" => false,
            "cosine" => true,
            _ => throw builder.Error(null, $"distanceMeasure '{DistanceMeasure}' is not one of euclidean, cosine."),
        };
        int size = ClusterCenters[0].Size;
        var features = builder.Read(FeaturesCol, TypeSet.Vector, SparkType.Vector, size);
        if (PredictionCol.Length == 0)
            return;
        var centers = new CenterSet(ClusterCenters, cosine, BlasFlavors.For(Info.Version), TriangleSearch(Info.Version, ClusterCenters.Count, size));
        if (cosine && centers.HasZeroNorm)
            throw builder.Error(null, "a cluster center has norm 0; cosine distance is not defined for zero-length vectors.");
        var prediction = builder.AddColumn(PredictionCol, SparkType.Int);
        builder.AddKernel(new Kernel(features.Name, features.Slot, prediction.Slot, centers), [features.Slot], [prediction.Slot]);
        builder.MarkPredictorOutputs(prediction);
    }

    /// <summary>
    /// Spark 3.1+ precomputes center statistics for the triangle-inequality search when it is
    /// cheap (k &lt; 1000 and k²·numFeatures &lt; 10⁶ in later 3.x; the bound is unverified for 3.1),
    /// else scans.
    /// </summary>
    private static bool TriangleSearch(SparkVersion version, int k, int numFeatures) =>
        version.AtLeast(3, 1) && k < 1000 && (long)k * k * numFeatures < 1_000_000;

    private sealed class Kernel(string featuresName, int features, int prediction, CenterSet centers) : Pipeline.Kernel
    {
        public override void Execute(Frame frame)
        {
            var x = frame.Column<VectorColumn>(features);
            var y = frame.Column<LongColumn>(prediction);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r) || !Predictors.TryGetFeatures(frame, r, x, featuresName, centers.Size, Stage, out var v))
                    continue;
                int best = centers.FindClosest(v);
                if (best < 0)
                    frame.Fail(r, new ScoreError(ErrorCode.InvalidValue, featuresName, Stage,
                        "the features vector has norm 0; cosine distance is not defined for zero-length vectors."));
                else
                    y.Set(r, best);
            }
        }
    }
}
