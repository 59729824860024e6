using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.regression.AFTSurvivalRegressionModel: prediction λ = exp(dot(coefficients, x)
/// + intercept); quantilesCol (when defined and non-empty) = dense λ·q_i over quantileProbabilities p_i.
/// q_i by saving version (AFTSurvivalRegression.scala): ≤ 2.4 λ·exp(log(−log(1 − p)) / k), 3.0
/// λ·exp(log(−log1p(−p)) / k) with k = 1 / scale, 3.1+ precomputed exp(log(−log1p(−p))·scale)
/// then scaled by λ (BLAS.scal) [the 3.0 / 3.1 boundaries are inferred from the source shapes].
/// </summary>
public sealed class AFTSurvivalRegressionModel(StageInfo info, string featuresCol, string predictionCol, string quantilesCol,
    double[] quantileProbabilities, SparkVector coefficients, double intercept, double scale)
    : StageDefinition(info)
{
    public static readonly double[] DefaultQuantileProbabilities = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];

    public string FeaturesCol { get; } = featuresCol;

    public string PredictionCol { get; } = predictionCol;

    /// <summary>"" when undefined (no quantiles output).</summary>
    public string QuantilesCol { get; } = quantilesCol;

    public double[] QuantileProbabilities { get; } = quantileProbabilities;

    public SparkVector Coefficients { get; } = coefficients;

    public double Intercept { get; } = intercept;

    public double Scale { get; } = scale;

    public override long EstimatedBytes => 128 + Coefficients.Values.Length * 12L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("quantilesCol", QuantilesCol),
        new("quantileProbabilities", string.Join(",", QuantileProbabilities.Select(q => q.ToString("R", CultureInfo.InvariantCulture)))),
        new("numFeatures", Coefficients.Size.ToString(CultureInfo.InvariantCulture)),
        new("scale", Scale.ToString("R", CultureInfo.InvariantCulture)),
    ];

    /// <summary>The per-probability factor q_i the saving version multiplies λ by.</summary>
    internal double[] QuantileFactors()
    {
        var factors = new double[QuantileProbabilities.Length];
        double k = 1 / Scale;
        for (int i = 0; i < factors.Length; i++)
        {
            double p = QuantileProbabilities[i];
            factors[i] = Info.Version.AtLeast(3, 1) ? Math.Exp(Math.Log(-Log1p(-p)) * Scale)
                : Info.Version.AtLeast(3, 0) ? Math.Exp(Math.Log(-Log1p(-p)) / k)
                : Math.Exp(Math.Log(-Math.Log(1 - p)) / k);
        }
        return factors;
    }

    /// <summary>
    /// Java's Math.log1p: log(1 + y) keeping the low bits of y (.NET's LogP1 is log(y + 1)). The
    /// compensated form is within an ulp of fdlibm's, not bit-identical; it runs once per
    /// probability at compile time.
    /// </summary>
    private static double Log1p(double y)
    {
        double u = 1.0 + y;
        return u == 1.0 ? y : Math.Log(u) * (y / (u - 1.0));
    }

    public override void Compile(PipelineBuilder builder)
    {
        var features = builder.Read(FeaturesCol, TypeSet.Vector, SparkType.Vector, Coefficients.Size);
        var added = new List<ColumnInfo>();
        // Spark 2.x always adds the prediction; 3.x skips an empty predictionCol.
        if (PredictionCol.Length > 0)
            added.Add(builder.AddColumn(PredictionCol, SparkType.Double));
        if (QuantilesCol.Length > 0)
            added.Add(builder.AddColumn(QuantilesCol, SparkType.Vector, null, VectorAttributes.OfSize(QuantileProbabilities.Length)));
        if (added.Count == 0)
            return;
        int prediction = PredictionCol.Length > 0 ? added[0].Slot : -1;
        int quantiles = QuantilesCol.Length > 0 ? added[^1].Slot : -1;
        builder.AddKernel(new Kernel(features.Name, features.Slot, prediction, quantiles, Coefficients, Intercept,
            QuantilesCol.Length > 0 ? QuantileFactors() : [], BlasFlavors.For(Info.Version)), [features.Slot], added.Select(a => a.Slot).ToArray());
        builder.MarkPredictorOutputs(added.ToArray());
    }

    private sealed class Kernel(string column, int features, int prediction, int quantiles, SparkVector coefficients, double intercept,
        double[] factors, BlasFlavor flavor) : Pipeline.Kernel
    {
        private readonly double[] _values = coefficients.Values;
        private readonly int[]? _indices = coefficients.Indices;

        public override void Execute(Frame frame)
        {
            var x = frame.Column<VectorColumn>(features);
            var y = prediction >= 0 ? frame.Column<DoubleColumn>(prediction) : null;
            var q = quantiles >= 0 ? frame.Column<VectorColumn>(quantiles) : null;
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r) || !Predictors.TryGetFeatures(frame, r, x, column, coefficients.Size, Stage, out var v))
                    continue;
                double dot = _indices is null ? Blas.Dot(v, _values, flavor)
                    : v.IsDense ? Blas.DotSparseDense(_indices, _values, v.Values)
                    : Blas.DotSparseSparse(v.Indices, v.Values, _indices, _values);
                double lambda = Math.Exp(dot + intercept);
                y?.Set(r, lambda);
                if (q is not null)
                {
                    var output = q.AppendDense(r, factors.Length);
                    for (int i = 0; i < factors.Length; i++)
                        output[i] = lambda * factors[i];
                }
            }
        }
    }
}
