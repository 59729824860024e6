using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.regression.FMRegressionModel (3.0+): prediction = the factorization-machine
/// margin (<see cref="FactorizationMachine"/>). Follows FMRegressor.scala (predict).
/// </summary>
public sealed class FMRegressionModel(StageInfo info, string featuresCol, string predictionCol, FactorizationMachine machine)
    : StageDefinition(info)
{
    public string FeaturesCol { get; } = featuresCol;

    public string PredictionCol { get; } = predictionCol;

    public FactorizationMachine Machine { get; } = machine;

    public override long EstimatedBytes => 128 + (Machine.Factors.Values.Length * 2L + Machine.Linear.Values.Length) * 8L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("numFeatures", Machine.NumFeatures.ToString(CultureInfo.InvariantCulture)),
        new("factorSize", Machine.FactorSize.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var features = builder.Read(FeaturesCol, TypeSet.Vector, SparkType.Vector, Machine.NumFeatures);
        if (PredictionCol.Length == 0)
            return;
        var prediction = builder.AddColumn(PredictionCol, SparkType.Double);
        builder.AddKernel(new Kernel(features.Name, features.Slot, prediction.Slot, Machine, BlasFlavors.For(Info.Version)),
            [features.Slot], [prediction.Slot]);
        builder.MarkPredictorOutputs(prediction);
    }

    private sealed class Kernel(string column, int features, int prediction, FactorizationMachine machine, BlasFlavor flavor)
        : Pipeline.Kernel
    {
        public override void Execute(Frame frame)
        {
            var x = frame.Column<VectorColumn>(features);
            var y = frame.Column<DoubleColumn>(prediction);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (frame.IsOk(r) && Predictors.TryGetFeatures(frame, r, x, column, machine.NumFeatures, Stage, out var v))
                    y.Set(r, machine.Margin(v, flavor));
            }
        }
    }
}
