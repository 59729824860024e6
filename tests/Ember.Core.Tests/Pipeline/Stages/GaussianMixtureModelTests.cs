using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class GaussianMixtureModelTests
{
    /// <summary>Density of a 2-D Gaussian from the closed-form inverse and determinant of Σ.</summary>
    private static double Pdf2(double[] mu, double a, double b, double c, double x0, double x1)
    {
        double det = a * c - b * b;
        double d0 = x0 - mu[0], d1 = x1 - mu[1];
        double q = (c * d0 * d0 - 2 * b * d0 * d1 + a * d1 * d1) / det;
        return Math.Exp(-0.5 * q) / (2 * Math.PI * Math.Sqrt(det));
    }

    [Fact]
    public void SymmetricEigen_ReconstructsTheMatrix()
    {
        double[] a = [4, 1, 0.5, 1, 3, 0.25, 0.5, 0.25, 2];
        double[] d = SymmetricEigen.Decompose(a, 3, out var u);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double s = 0;
                for (int k = 0; k < 3; k++)
                    s += u[i * 3 + k] * d[k] * u[j * 3 + k];
                Assert.Equal(a[i * 3 + j], s, 13);
            }
    }

    [Fact]
    public void GaussianMixture_HandBuilt2D_MatchesClosedForm()
    {
        var g0 = new GaussianComponent(0.3, [0.0, 0.0], [2.0, 0.6, 0.6, 1.0]);
        var g1 = new GaussianComponent(0.7, [3.0, 1.0], [1.0, -0.2, -0.2, 0.5]);
        var p = Compile(null, new GaussianMixtureModel(Info("GaussianMixtureModel", "3.5.0"), "features", "prediction", "probability", [g0, g1]));
        var r = Score(p, ["probability", "prediction"], Row(("features", SparkVector.Dense([1.0, 0.5]))))[0];
        double p0 = GaussianMixtureModel.Epsilon + 0.3 * Pdf2([0, 0], 2.0, 0.6, 1.0, 1.0, 0.5);
        double p1 = GaussianMixtureModel.Epsilon + 0.7 * Pdf2([3, 1], 1.0, -0.2, 0.5, 1.0, 0.5);
        var prob = r.Vector("probability").Values;
        Assert.Equal(p0 / (p0 + p1), prob[0], 13);
        Assert.Equal(p1 / (p0 + p1), prob[1], 13);
        Assert.Equal(prob[0] > prob[1] ? 0L : 1L, r["prediction"]);
        Assert.Equal(SparkType.Int, p.Columns.First(c => c.Name == "prediction").Type);
    }

    [Fact]
    public void GaussianMixture_SingularCovariance_UsesThePseudoInverse()
    {
        // Σ = [[1, 1], [1, 1]]: rank 1, eigenvalue 2 along (1, 1)/√2; the density lives on that line.
        var g = new GaussianComponent(1.0, [0.0, 0.0], [1.0, 1.0, 1.0, 1.0]);
        var (root, u) = GaussianMixtureModel.CovarianceConstants(g);
        Assert.Equal(-0.5 * (2 * Math.Log(2 * Math.PI) + Math.Log(2.0)), u, 14);
        // ‖root·(1, 1)‖² = (1,1)ᵀ Σ⁺ (1,1) = 1.
        double s0 = root[0] + root[1], s1 = root[2] + root[3];
        Assert.Equal(1.0, s0 * s0 + s1 * s1, 13);
    }
}
