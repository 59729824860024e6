using System.Globalization;

namespace Ember.Pipeline;

/// <summary>One weighted Gaussian of a mixture: mean μ and covariance Σ (n×n, row-major).</summary>
public sealed record GaussianComponent(double Weight, double[] Mean, double[] Covariance);

/// <summary>
/// org.apache.spark.ml.clustering.GaussianMixtureModel: p_k = EPS + w_k·pdf_k(x) (EPS = 2^−52),
/// then p_k /= Σp (summed in order); probabilityCol = dense p, predictionCol (int) = argmax p.
/// pdf_k follows MultivariateGaussian: Σ = U·diag(d)·Uᵀ, tol = EPS·max(d)·n, rootSigmaInv =
/// diag(d_i &gt; tol ? √(1/d_i) : 0)·Uᵀ, u = −0.5·(n·log(2π) + Σ_{d_i&gt;tol} log d_i),
/// logpdf = u − 0.5·‖rootSigmaInv·(x − μ)‖², pdf = exp(logpdf).
/// Not bit-exact: Spark decomposes Σ with LAPACK (Breeze eigSym); Ember uses Jacobi
/// (<see cref="SymmetricEigen"/>), so probabilities agree to ~1e-13 relative, not to the bit.
/// Follows GaussianMixture.scala and stat/distribution/MultivariateGaussian.scala.
/// </summary>
public sealed class GaussianMixtureModel(StageInfo info, string featuresCol, string predictionCol, string probabilityCol,
    IReadOnlyList<GaussianComponent> components)
    : StageDefinition(info)
{
    /// <summary>MLUtils.EPSILON: the machine epsilon 2^−52.</summary>
    public const double Epsilon = 2.220446049250313E-16;

    public string FeaturesCol { get; } = featuresCol;

    public string PredictionCol { get; } = predictionCol;

    public string ProbabilityCol { get; } = probabilityCol;

    public IReadOnlyList<GaussianComponent> Components { get; } = components;

    public int NumFeatures => Components[0].Mean.Length;

    public override long EstimatedBytes => 128 + Components.Sum(c => (c.Mean.Length + 2L * c.Covariance.Length) * 8L);

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("probabilityCol", ProbabilityCol),
        new("k", Components.Count.ToString(CultureInfo.InvariantCulture)),
        new("numFeatures", NumFeatures.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>rootSigmaInv (n×n row-major) and u of one component.</summary>
    internal static (double[] RootSigmaInv, double U) CovarianceConstants(GaussianComponent g)
    {
        int n = g.Mean.Length;
        double[] d = SymmetricEigen.Decompose(g.Covariance, n, out var vectors);
        double max = double.NegativeInfinity;
        foreach (double v in d)
            max = Math.Max(max, v);
        double tol = Epsilon * max * n;
        double logPseudoDet = 0.0;
        var root = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            if (!(d[i] > tol))
                continue;
            logPseudoDet += Math.Log(d[i]);
            double scale = Math.Sqrt(1.0 / d[i]);
            for (int j = 0; j < n; j++)
                root[i * n + j] = scale * vectors[j * n + i]; // row i of diag·Uᵀ
        }
        return (root, -0.5 * (n * Math.Log(2.0 * Math.PI) + logPseudoDet));
    }

    public override void Compile(PipelineBuilder builder)
    {
        var features = builder.Read(FeaturesCol, TypeSet.Vector, SparkType.Vector, NumFeatures);
        var added = new List<ColumnInfo>();
        if (PredictionCol.Length > 0)
            added.Add(builder.AddColumn(PredictionCol, SparkType.Int));
        if (ProbabilityCol.Length > 0)
            added.Add(builder.AddColumn(ProbabilityCol, SparkType.Vector, null, VectorAttributes.OfSize(Components.Count)));
        if (added.Count == 0)
            return;
        var constants = Components.Select(CovarianceConstants).ToArray();
        builder.AddKernel(new GaussianMixtureKernel(features, PredictionCol.Length > 0 ? added[0].Slot : -1,
                ProbabilityCol.Length > 0 ? added[^1].Slot : -1, Components.ToArray(), constants),
            [features.Slot], added.Select(a => a.Slot).ToArray());
        builder.MarkPredictorOutputs(added.ToArray());
    }
}

internal sealed class GaussianMixtureKernel(ColumnInfo features, int prediction, int probability, GaussianComponent[] components,
    (double[] RootSigmaInv, double U)[] constants) : Kernel
{
    public override void Execute(Frame frame)
    {
        var x = frame.Column<VectorColumn>(features.Slot);
        var pred = prediction >= 0 ? frame.Column<LongColumn>(prediction) : null;
        var prob = probability >= 0 ? frame.Column<VectorColumn>(probability) : null;
        int k = components.Length, n = components[0].Mean.Length;
        Span<double> delta = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> scratch = k <= 256 ? stackalloc double[k] : new double[k];
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r) || !Predictors.TryGetFeatures(frame, r, x, features.Name, n, Stage, out var v))
                continue;
            Span<double> p = prob is not null ? prob.AppendDense(r, k) : scratch;
            for (int c = 0; c < k; c++)
            {
                // delta = x − μ (axpy(−1, μ, x.copy)): x_i + (−1·μ_i).
                v.CopyToDense(delta);
                var mu = components[c].Mean;
                for (int i = 0; i < n; i++)
                    delta[i] += -1.0 * mu[i];
                var root = constants[c].RootSigmaInv;
                double squared = 0.0;
                for (int i = 0; i < n; i++)
                {
                    double s = 0.0;
                    for (int j = 0; j < n; j++)
                        s += root[i * n + j] * delta[j];
                    squared += s * s;
                }
                double pdf = Math.Exp(constants[c].U + squared * -0.5);
                p[c] = GaussianMixtureModel.Epsilon + components[c].Weight * pdf;
            }
            double sum = 0.0;
            for (int c = 0; c < k; c++)
                sum += p[c];
            for (int c = 0; c < k; c++)
                p[c] /= sum;
            pred?.Set(r, ClassifierOutputs.Argmax(p));
        }
    }
}
