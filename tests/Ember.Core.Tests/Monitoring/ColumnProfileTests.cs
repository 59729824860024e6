using Ember.Monitoring;
using Ember.Pipeline;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Ember.Core.Tests.Monitoring;

public sealed class ColumnProfileTests
{
    [Fact]
    public void NumericProfile_MeanVarianceMinMax_MatchDirectComputation()
    {
        var values = new[] { 1.0, 2.0, 4.0, 8.0, -3.0 };
        var profile = Observe(ProfileKind.Numeric, values, nulls: 2);
        var n = profile.Numeric!;
        Assert.Equal(values.Average(), n.Mean!.Value, 12);
        double mean = values.Average();
        Assert.Equal(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1), n.Variance!.Value, 10);
        Assert.Equal(-3.0, n.Min);
        Assert.Equal(8.0, n.Max);
        Assert.Equal(7, profile.Count);
        Assert.Equal(2, profile.Nulls);
    }

    [Fact]
    public void NumericProfile_ValuesNearDoubleMax_LeaveOutTheOverflowedMoments_AndStillSerialize()
    {
        var profile = Observe(ProfileKind.Numeric, [1e300, -1e300, 1.7e308, 1e300], nulls: 0);
        var n = profile.Numeric!;
        Assert.Null(n.Variance); // (1e300)^2 overflows: left out rather than written as Infinity
        Assert.Equal(1.7e308, n.Max);
        var baseline = new ModelBaseline(ModelBaseline.CurrentFormat, 4, DateTimeOffset.UnixEpoch, null, 0, [profile], []);
        string json = System.Text.Json.JsonSerializer.Serialize(baseline, Ember.Api.EmberJsonContext.Default.ModelBaseline);
        Assert.DoesNotContain("Infinity", json, StringComparison.Ordinal);
    }

    [Fact]
    public void MergedProfiles_EqualProfileOfAllRows()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), (int seed) =>
        {
            var rng = new Random(seed);
            var all = Enumerable.Range(0, rng.Next(1, 400)).Select(_ => Math.Round((rng.NextDouble() - 0.3) * 1000, 2)).ToArray();
            int cut1 = rng.Next(all.Length + 1), cut2 = rng.Next(cut1, all.Length + 1);
            var a = ColumnProfile.FromData(Observe(ProfileKind.Numeric, all[..cut1]));
            var b = ColumnProfile.FromData(Observe(ProfileKind.Numeric, all[cut1..cut2]));
            var c = ColumnProfile.FromData(Observe(ProfileKind.Numeric, all[cut2..]));
            a.Merge(b);
            a.Merge(c);
            var whole = Observe(ProfileKind.Numeric, all);
            var merged = a.ToData();
            bool ok = merged.Count == whole.Count
                && merged.Numeric!.Sketch.Counts.SequenceEqual(whole.Numeric!.Sketch.Counts)
                && merged.Numeric.Sketch.Buckets.SequenceEqual(whole.Numeric.Sketch.Buckets)
                && Close(merged.Numeric.Mean, whole.Numeric.Mean) && Close(merged.Numeric.Variance, whole.Numeric.Variance)
                && merged.Numeric.Min == whole.Numeric.Min && merged.Numeric.Max == whole.Numeric.Max;
            if (!ok)
                throw new InvalidOperationException($"seed {seed}: merged profile differs from the profile of all rows");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    [Fact]
    public void CategoricalProfile_AgainstBaseline_CountsUnseenValues()
    {
        var baseline = ColumnProfile.Create(new ColumnSpec("color", ProfileKind.Categorical), null, 100);
        baseline.Observe(Strings("red", "green", "red"), 3, null);
        var live = ColumnProfile.Create(new ColumnSpec("color", ProfileKind.Categorical), baseline.ToData(), ColumnProfile.LiveLearnable);
        live.Observe(Strings("red", "purple", null, "purple", "green"), 5, null);
        var data = live.ToData();
        Assert.Equal(2, data.Unseen);
        Assert.Equal(1, data.Nulls);
        Assert.Contains(data.Categorical!.Values, v => v.Value == "purple" && v.Count == 2);
        var view = DriftCalculator.Compare(data, baseline.ToData());
        Assert.Equal(0.5, view.UnseenRate);
    }

    [Fact]
    public void CategoricalProfile_PastLearningCap_FoldsIntoOther()
    {
        var live = ColumnProfile.Create(new ColumnSpec("id", ProfileKind.Categorical), null, learnable: 3);
        live.Observe(Strings("a", "b", "c", "d", "e", "a"), 6, null);
        var data = live.ToData();
        Assert.Equal(2, data.Categorical!.Other);
        Assert.True(data.Categorical.Truncated);
        Assert.Equal(2, data.Categorical.Values.First(v => v.Value == "a").Count);
    }

    [Fact]
    public void OutputProfile_SkipsRowsThatAreNotOk()
    {
        var profile = ColumnProfile.Create(new ColumnSpec("prediction", ProfileKind.Class, 2), null, 0);
        var column = new DoubleColumn(SparkType.Double, 3);
        column.Set(0, 1.0);
        column.Set(1, 0.0);
        column.Set(2, 7.0);
        profile.Observe(column, 3, [RowState.Ok, RowState.Failed, RowState.Ok]);
        var data = profile.ToData();
        Assert.Equal(2, data.Count);
        Assert.Equal(1, data.Categorical!.Values.Single(v => v.Value == "1").Count);
        Assert.Equal(1, data.Categorical.Other);
    }

    [Fact]
    public void FromData_RejectsUnknownKindAndForeignSketchGrid()
    {
        Assert.Throws<FormatException>(() => ColumnProfile.FromData(new ColumnProfileData("x", "histogram", 1, 0)));
        var foreign = new ColumnProfileData("x", "numeric", 1, 0, Numeric: new NumericData(0, 1, 1, 0, 1, 1, new SketchData("ddsketch", [1], [1])));
        var ex = Assert.Throws<FormatException>(() => ColumnProfile.FromData(foreign));
        Assert.Contains("'x'", ex.Message);
    }

    internal static ColumnProfileData Observe(ProfileKind kind, double[] values, int nulls = 0)
    {
        var profile = ColumnProfile.Create(new ColumnSpec("x", kind), null, 0);
        var column = new DoubleColumn(SparkType.Double, values.Length + nulls);
        for (int i = 0; i < values.Length; i++) column.Set(i, values[i]);
        for (int i = 0; i < nulls; i++) column.SetNull(values.Length + i);
        profile.Observe(column, values.Length + nulls, null);
        return profile.ToData();
    }

    private static StringColumn Strings(params string?[] values)
    {
        var column = new StringColumn(values.Length);
        for (int i = 0; i < values.Length; i++) column.Set(i, values[i]);
        return column;
    }

    private static bool Close(double? a, double? b) =>
        a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(b.Value));
}
