using Ember.Monitoring;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Ember.Core.Tests.Monitoring;

public sealed class DriftMeasuresTests
{
    [Fact]
    public void Psi_OfDistributionAgainstItself_IsZero_AndNeverNegative()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), (int seed) =>
        {
            var rng = new Random(seed);
            var e = Counts(rng);
            var a = Counts(rng);
            double self = DriftMeasures.PopulationStabilityIndex(e, e);
            double other = DriftMeasures.PopulationStabilityIndex(e, a);
            if (Math.Abs(self) > 1e-12 || other < -1e-12)
                throw new InvalidOperationException($"seed {seed}: PSI(e,e) = {self}, PSI(e,a) = {other}");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void JensenShannon_IsSymmetric_InUnitInterval_ZeroOnSelf()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), (int seed) =>
        {
            var rng = new Random(seed);
            var p = Counts(rng);
            var q = Counts(rng);
            double pq = DriftMeasures.JensenShannonDistance(p, q), qp = DriftMeasures.JensenShannonDistance(q, p);
            double self = DriftMeasures.JensenShannonDistance(p, p);
            if (Math.Abs(pq - qp) > 1e-12 || pq < 0 || pq > 1 || Math.Abs(self) > 1e-7)
                throw new InvalidOperationException($"seed {seed}: JS(p,q) = {pq}, JS(q,p) = {qp}, JS(p,p) = {self}");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void JensenShannon_DisjointDistributions_IsOne()
    {
        Assert.Equal(1.0, DriftMeasures.JensenShannonDistance([5, 0], [0, 7]), 12);
    }

    [Fact]
    public void Psi_EmptySide_IsNaN()
    {
        Assert.True(double.IsNaN(DriftMeasures.PopulationStabilityIndex([0, 0], [1, 2])));
    }

    [Fact]
    public void NumericDrift_SampleLikeBaseline_StaysOk_ShiftedSample_CrossesThreshold()
    {
        var baseline = Numeric(seed: 1, mean: 0);
        var same = DriftCalculator.Compare(Numeric(seed: 2, mean: 0), baseline);
        var shifted = DriftCalculator.Compare(Numeric(seed: 3, mean: 1), baseline);
        Assert.True(same.Psi < DriftThresholds.PsiWarn, $"PSI of a sample like the baseline: {same.Psi}");
        Assert.Equal(DriftThresholds.Ok, same.Level);
        Assert.True(shifted.Psi > DriftThresholds.PsiDrift, $"PSI of a shifted sample: {shifted.Psi}");
        Assert.Equal(DriftThresholds.Drift, shifted.Level);
        Assert.True(shifted.OutOfRangeRate > 0);
        Assert.Equal(10, shifted.Bins.Count);
        Assert.DoesNotContain(shifted.Bins, b => b.Label == "(null)");
    }

    [Fact]
    public void NumericDrift_SelfComparison_IsExactlyZero()
    {
        var baseline = Numeric(seed: 1, mean: 0);
        Assert.Equal(0.0, DriftCalculator.Compare(baseline, baseline).Psi);
    }

    [Fact]
    public void CategoricalDrift_SameShares_Ok_ChangedShares_Drift()
    {
        var baseline = Categorical(1, [0.6, 0.3, 0.1]);
        var same = DriftCalculator.Compare(Categorical(2, [0.6, 0.3, 0.1]), baseline);
        var changed = DriftCalculator.Compare(Categorical(3, [0.1, 0.3, 0.6]), baseline);
        Assert.True(same.JsDistance < DriftThresholds.JsWarn, $"JS {same.JsDistance}");
        Assert.Equal(DriftThresholds.Ok, same.Level);
        Assert.True(changed.JsDistance > DriftThresholds.JsDrift, $"JS {changed.JsDistance}");
        Assert.True(changed.Psi > DriftThresholds.PsiDrift, $"PSI {changed.Psi}");
        Assert.Equal(DriftThresholds.Drift, changed.Level);
    }

    [Fact]
    public void Level_FewRows_IsInsufficient()
    {
        Assert.Equal(DriftThresholds.Insufficient, DriftThresholds.Level(10, 5.0, null));
        Assert.Equal(DriftThresholds.NoBaseline, DriftThresholds.Level(1000, null, null));
    }

    private static ColumnProfileData Numeric(int seed, double mean)
    {
        var profile = ColumnProfile.Create(new ColumnSpec("x", ProfileKind.Numeric), null, 0);
        var rows = MonitoringSamples.Rows(seed, 5000, mean);
        var column = new Ember.Pipeline.DoubleColumn(Ember.Pipeline.SparkType.Double, rows.Length);
        for (int i = 0; i < rows.Length; i++) column.Set(i, rows[i].X);
        profile.Observe(column, rows.Length, null);
        var data = profile.ToData();
        // Out-of-range needs a baseline: count it as the monitor would, against N(0,1)'s sample range.
        if (mean != 0)
        {
            var live = ColumnProfile.Create(new ColumnSpec("x", ProfileKind.Numeric), Numeric(1, 0), 0);
            live.Observe(column, rows.Length, null);
            return live.ToData();
        }
        return data;
    }

    private static ColumnProfileData Categorical(int seed, double[] shares)
    {
        var profile = ColumnProfile.Create(new ColumnSpec("color", ProfileKind.Categorical), null, 100);
        var rows = MonitoringSamples.Rows(seed, 5000, shares: shares);
        var column = new Ember.Pipeline.StringColumn(rows.Length);
        for (int i = 0; i < rows.Length; i++) column.Set(i, rows[i].Color);
        profile.Observe(column, rows.Length, null);
        return profile.ToData();
    }

    private static double[] Counts(Random rng) => Enumerable.Range(0, 8).Select(_ => (double)rng.Next(0, 50)).Append(1 + rng.Next(10)).ToArray();
}
