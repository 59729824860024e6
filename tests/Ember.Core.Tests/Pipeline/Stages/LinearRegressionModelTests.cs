using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class LinearRegressionModelTests
{
    private static CompiledPipeline Model(string version) => Compile(null,
        new LinearRegressionModel(Info("LinearRegressionModel", version), "features", "prediction", SparkVector.Dense([0.5, -2.0, 3.0]), 1.25));

    [Fact]
    public void LinearRegression_DenseFeatures_IsDotPlusIntercept()
    {
        var r = Score(Model("2.1.0"), ["prediction"], Row(("features", SparkVector.Dense([2.0, 1.0, 1.0]))))[0];
        Assert.Equal(0.5 * 2.0 + -2.0 * 1.0 + 3.0 * 1.0 + 1.25, (double)r["prediction"]!);
    }

    [Fact]
    public void LinearRegression_SparseFeatures_UseStoredEntries()
    {
        var r = Score(Model("3.5.0"), ["prediction"], Row(("features", SparkVector.Sparse(3, [2], [2.0]))))[0];
        Assert.Equal(6.0 + 1.25, (double)r["prediction"]!);
    }

    [Fact]
    public void LinearRegression_WrongSize_FailsRowNamingFeatures()
    {
        var r = Score(Model("3.5.0"), ["prediction"], Row(("features", SparkVector.Dense([1.0]))))[0];
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal(ErrorCode.VectorSizeMismatch, r.Error!.Code);
        Assert.Equal("features", r.Error.Column);
    }

    [Fact]
    public void LinearRegression_DefaultOutputs_AreThePrediction()
    {
        Assert.Equal(["prediction"], Model("3.5.0").DefaultOutputs.Select(c => c.Name));
        Assert.Equal("features", Assert.Single(Model("3.5.0").Inputs).Name);
    }
}
