using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.regression.IsotonicRegressionModel: x = the double features column, or
/// features[featureIndex] of a vector column; i = Java's Arrays.binarySearch(boundaries, x);
/// below the first boundary → predictions[0], above the last → predictions[last] (NaN lands
/// there), an exact hit → predictions[i] (whichever duplicate the search lands on), else linear
/// interpolation between the neighbours. A null double gives null (primitive UDF); a null vector
/// or an index outside the vector fails the row. Follows ml IsotonicRegression.scala (transform)
/// and mllib IsotonicRegressionModel.predict.
/// </summary>
public sealed class IsotonicRegressionModel : StageDefinition
{
    private readonly double[] _boundaries;
    private readonly double[] _predictions;

    public IsotonicRegressionModel(StageInfo info, string featuresCol, string predictionCol, int featureIndex, double[] boundaries, double[] predictions)
        : base(info)
    {
        if (boundaries.Length != predictions.Length)
            throw new ArgumentException($"{boundaries.Length} boundaries but {predictions.Length} predictions; they must pair up.");
        if (boundaries.Length == 0)
            throw new ArgumentException("the model has no boundaries.");
        for (int i = 1; i < boundaries.Length; i++)
            if (!(boundaries[i - 1] <= boundaries[i]))
                throw new ArgumentException($"boundaries are not sorted at position {i}.");
        FeaturesCol = featuresCol;
        PredictionCol = predictionCol;
        FeatureIndex = featureIndex;
        _boundaries = boundaries;
        _predictions = predictions;
    }

    public string FeaturesCol { get; }

    public string PredictionCol { get; }

    public int FeatureIndex { get; }

    public override long EstimatedBytes => 64 + _boundaries.Length * 16L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("featureIndex", FeatureIndex.ToString(CultureInfo.InvariantCulture)),
        new("boundaries", _boundaries.Length.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var features = builder.Read(FeaturesCol, TypeSet.Vector | TypeSet.Numeric, SparkType.Double);
        if (PredictionCol.Length == 0)
            return;
        bool vector = features.Type == SparkType.Vector;
        int input = vector ? features.Slot : builder.AsDouble(features);
        var prediction = builder.AddColumn(PredictionCol, SparkType.Double, nullable: !vector);
        builder.AddKernel(new Kernel(this, features.Name, input, vector, prediction.Slot), [input], [prediction.Slot]);
        builder.MarkPredictorOutputs(prediction);
    }

    /// <summary>mllib IsotonicRegressionModel.predict(x).</summary>
    internal double Predict(double x)
    {
        int found = JavaMath.BinarySearch(_boundaries, x);
        int insert = -found - 1;
        if (insert == 0)
            return _predictions[0];
        if (insert == _boundaries.Length)
            return _predictions[^1];
        if (found < 0)
        {
            double x1 = _boundaries[insert - 1], y1 = _predictions[insert - 1];
            double x2 = _boundaries[insert], y2 = _predictions[insert];
            return y1 + (y2 - y1) * (x - x1) / (x2 - x1);
        }
        return _predictions[found];
    }

    private sealed class Kernel(IsotonicRegressionModel model, string name, int input, bool vector, int output) : Pipeline.Kernel
    {
        public override void Execute(Frame frame)
        {
            var y = frame.Column<DoubleColumn>(output);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (!vector)
                {
                    var x = frame.Column<DoubleColumn>(input);
                    if (x.IsNull(r))
                        y.SetNull(r);
                    else
                        y.Set(r, model.Predict(x.Values[r]));
                    continue;
                }
                var column = frame.Column<VectorColumn>(input);
                if (!Predictors.TryGetFeatures(frame, r, column, name, -1, Stage, out var v))
                    continue;
                if (model.FeatureIndex < 0 || model.FeatureIndex >= v.Size)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.OutOfRange, name, Stage,
                        $"featureIndex {model.FeatureIndex} is outside the features vector of size {v.Size}."));
                    continue;
                }
                y.Set(r, model.Predict(v[model.FeatureIndex]));
            }
        }
    }
}
