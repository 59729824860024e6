using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.regression.LinearRegressionModel: prediction = dot(features, coefficients)
/// + intercept (BLAS order of the saving version; <c>scale</c> is a training artifact of the Huber
/// loss and is not used to predict). Follows LinearRegression.scala (predict).
/// </summary>
public sealed class LinearRegressionModel(StageInfo info, string featuresCol, string predictionCol, SparkVector coefficients, double intercept)
    : StageDefinition(info)
{
    public string FeaturesCol { get; } = featuresCol;

    public string PredictionCol { get; } = predictionCol;

    public SparkVector Coefficients { get; } = coefficients;

    public double Intercept { get; } = intercept;

    public override long EstimatedBytes => 64 + Coefficients.Values.Length * 12L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("numFeatures", Coefficients.Size.ToString(CultureInfo.InvariantCulture)),
        new("intercept", Intercept.ToString("R", CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var features = builder.Read(FeaturesCol, TypeSet.Vector, SparkType.Vector, Coefficients.Size);
        if (string.IsNullOrEmpty(PredictionCol))
            return;
        var prediction = builder.AddColumn(PredictionCol, SparkType.Double);
        builder.AddKernel(new PredictKernel(features.Name, features.Slot, prediction.Slot, Coefficients.ToArray(), Intercept, BlasFlavors.For(Info.Version)),
            [features.Slot], [prediction.Slot]);
        builder.MarkPredictorOutputs(prediction);
    }

    private sealed class PredictKernel(string column, int features, int prediction, double[] coefficients, double intercept, BlasFlavor flavor)
        : Kernel
    {
        public override void Execute(Frame frame)
        {
            var x = frame.Column<VectorColumn>(features);
            var y = frame.Column<DoubleColumn>(prediction);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (!Predictors.TryGetFeatures(frame, r, x, column, coefficients.Length, Stage, out var v))
                    continue;
                y.Set(r, Blas.Dot(v, coefficients, flavor) + intercept);
            }
        }
    }
}
