using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class GeneralizedLinearRegressionModelTests
{
    private static CompiledPipeline Model(string family, string? link = null, double variancePower = 0.0, double? linkPower = null,
        string offsetCol = "", double intercept = 0.0) => Compile(null,
        new GeneralizedLinearRegressionModel(Info("GeneralizedLinearRegressionModel", "3.5.0"), "features", "prediction", "eta",
            offsetCol, family, link, variancePower, linkPower, SparkVector.Dense([1.0]), intercept));

    private static (double Mu, double Eta) Predict(CompiledPipeline p, double x, double? offset = null)
    {
        var row = Row(("features", SparkVector.Dense([x])), ("off", offset));
        var r = Score(p, ["prediction", "eta"], row)[0];
        return ((double)r["prediction"]!, (double)r["eta"]!);
    }

    [Theory]
    [InlineData("gaussian", null, 0.7, 0.7)]
    [InlineData("binomial", null, 0.7, 0.66818777216816616)]      // logit
    [InlineData("poisson", null, 0.7, 2.0137527074704766)]        // log
    [InlineData("gamma", null, 0.7, 1.4285714285714286)]          // inverse
    [InlineData("poisson", "sqrt", 0.7, 0.48999999999999994)]
    [InlineData("gaussian", "log", 0.7, 2.0137527074704766)]
    [InlineData("binomial", "cloglog", 0.7, 0.86651320334191617)]
    [InlineData("Binomial", "Probit", 0.5, 0.69146246127401312)]
    [InlineData("binomial", "probit", -1.96, 0.024997895148220435)]
    public void Glm_FamilyAndLink_InverseLinkOfEta(string family, string? link, double x, double expected)
    {
        var (mu, eta) = Predict(Model(family, link), x);
        Assert.Equal(x, eta);
        Assert.Equal(expected, mu, 14);
    }

    [Fact]
    public void Glm_Clamps_AsSparkProjects()
    {
        Assert.Equal(1e-16, Predict(Model("binomial"), -50.0).Mu);
        Assert.Equal(1.0 - 1e-16, Predict(Model("binomial"), 50.0).Mu);
        Assert.Equal(1e-16, Predict(Model("poisson"), -800.0).Mu);
        Assert.Equal(double.MaxValue, Predict(Model("poisson"), 800.0).Mu);
        Assert.Equal(double.MaxValue, Predict(Model("gaussian", "log"), 800.0).Mu);
        Assert.Equal(double.MaxValue, Predict(Model("gamma"), 0.0).Mu);   // 1/0 = +inf
    }

    [Fact]
    public void Glm_Tweedie_LinkPowerRules()
    {
        Assert.Equal(Math.Pow(2.0, 1.0 / (1.0 - 1.5)), Predict(Model("tweedie", variancePower: 1.5), 2.0).Mu);   // default power 1 - p
        Assert.Equal(Math.Exp(2.0), Predict(Model("tweedie", variancePower: 1.5, linkPower: 0.0), 2.0).Mu);
        Assert.Equal(4.0, Predict(Model("tweedie", variancePower: 1.5, linkPower: 0.5), 2.0).Mu);
        Assert.Equal(Math.Pow(2.0, 1.0 / 0.25), Predict(Model("tweedie", variancePower: 1.5, linkPower: 0.25), 2.0).Mu);
        Assert.Equal(Math.Exp(2.0), Predict(Model("tweedie", variancePower: 1.0), 2.0).Mu);                    // poisson: log
        Assert.Equal(0.5, Predict(Model("tweedie", variancePower: 2.0), 2.0).Mu);                             // gamma: inverse
        Assert.Equal(-3.0, Predict(Model("tweedie", "log", variancePower: 0.0), -3.0).Mu);                   // link ignored for tweedie
    }

    [Fact]
    public void Glm_Offset_IsAddedToEta_NullOffsetGivesNulls()
    {
        var p = Model("poisson", offsetCol: "off", intercept: 0.25);
        var (mu, eta) = Predict(p, 1.0, 0.5);
        Assert.Equal(1.0 + 0.25 + 0.5, eta);
        Assert.Equal(Math.Exp(1.75), mu);
        var r = Score(p, ["prediction", "eta"], Row(("features", SparkVector.Dense([1.0])), ("off", null)))[0];
        Assert.Equal(RowState.Ok, r.State);
        Assert.Null(r["prediction"]);
        Assert.Null(r["eta"]);
    }

    [Fact]
    public void Glm_UnknownFamily_FailsCompilation() =>
        Assert.Throws<PipelineCompileException>(() => Model("laplace"));
}
