using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class FPGrowthModelTests
{
    private static readonly FrequentItemset[] Shop =
    [
        new(["a"], 4), new(["b"], 3), new(["a", "b"], 3), new(["c"], 2), new(["a", "c"], 2),
    ];

    private static FPGrowthModel Model(IReadOnlyList<FrequentItemset> sets, double minConfidence = 0.8) =>
        new(Info("FPGrowthModel", "3.5.0"), "items", "prediction", minConfidence, sets);

    private static string?[]?[] Predict(FPGrowthModel model, params string?[]?[] rows)
    {
        var p = Compile(null, model);
        return Score(p, ["prediction"], rows.Select(r => Row(("items", r))).ToArray()).Select(r => (string?[]?)r["prediction"]).ToArray();
    }

    [Fact]
    public void FPGrowth_Rules_HaveConfidenceFreqUnionOverFreqAntecedent_FilteredByMinConfidence()
    {
        var rules = FPGrowthModel.AssociationRules(Shop, 0.8);
        Assert.Equal([("b", "a", 1.0), ("c", "a", 1.0)], rules.Select(r => (string.Join(",", r.Antecedent), r.Consequent, r.Confidence)));
        Assert.Contains(FPGrowthModel.AssociationRules(Shop, 0.75), r => r.Consequent == "b" && r.Confidence == 0.75);
    }

    [Fact]
    public void FPGrowth_PredictsDistinctConsequents_NotAlreadyPresent_NullItemsGiveEmpty()
    {
        var r = Predict(Model(Shop), ["b"], ["b", "c"], ["a"], null, ["z"]);
        Assert.Equal("a", string.Join(",", r[0]!));
        Assert.Equal("a", string.Join(",", r[1]!));
        Assert.Empty(r[2]!);
        Assert.Empty(r[3]!);
        Assert.Empty(r[4]!);
    }

    [Fact]
    public void FPGrowth_AntecedentMustBeSavedInTheSameOrder_AsSparksSeqJoin()
    {
        FrequentItemset[] sets = [new(["x"], 2), new(["y"], 2), new(["z"], 2), new(["y", "x"], 2), new(["x", "y", "z"], 2)];
        var r = Predict(Model(sets), ["x", "y"], ["x"]);
        Assert.Empty(r[0]!);          // [x, y] ⇒ z needs the itemset saved as [x, y]; only [y, x] is
        Assert.Equal("y", string.Join(",", r[1]!));
    }

    [Fact]
    public void FPGrowth_LowerMinConfidence_AddsRules_InRuleOrder()
    {
        var r = Predict(Model(Shop, 0.5), ["a"]);
        Assert.Equal("b,c", string.Join(",", r[0]!));
    }
}
