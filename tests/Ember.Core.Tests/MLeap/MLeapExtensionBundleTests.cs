using Ember.Core.Tests.Pipeline;
using Ember.MLeap;
using Ember.Pipeline;
using Ember.Testing;
using Xunit;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.MLeap;

/// <summary>
/// The MLeap-only parity bundles of the shared corpus (MLeap 0.8.0) scored on rows whose results
/// follow from each bundle's own constants and MLeap's model math. The corpus records no outputs
/// for them, so these values are derived, not published: they check the bundle's attributes reach
/// the kernel, while the kernels' edge cases are in their own unit tests.
/// </summary>
[Trait(Corpus.Trait, "mleap")]
public class MLeapExtensionBundleTests
{
    private static readonly MLeapBundleLoader Loader = MLeapBundleLoader.CreateDefault();

    private static readonly Dictionary<string, SparkType> Types = new(StringComparer.Ordinal)
    {
        ["fico_score_group_fnl"] = SparkType.String, ["dti"] = SparkType.Double, ["mv"] = SparkType.Double, ["text"] = SparkType.String,
    };

    private static CompiledPipeline Bundle(string spec) =>
        Loader.Load(MLeapCase.Load("spark-parity-m080/mleap-" + spec).BundleDirectory).Compile(Types);

    [Fact]
    public void Imputer_Bundle_ReplacesMissingValue23_4AndNaNAndNullBySurrogate()
    {
        var rows = Score(Bundle("ImputerParitySpec"), ["mv_imputed"], Row(("mv", 23.4)), Row(("mv", double.NaN)), Row(("mv", null)), Row(("mv", 5.0)));
        Assert.Equal([21.722356950479124, 21.722356950479124, 21.722356950479124, 5.0], rows.Select(r => (double)r["mv_imputed"]!));
    }

    [Fact]
    public void MathUnary_Bundle_IsTanOfDti() =>
        Assert.Equal(Math.Tan(0.12), Score(Bundle("MathUnaryParitySpec"), ["dti_tan"], Row(("fico_score_group_fnl", "650 - 700"), ("dti", 0.12)))[0]["dti_tan"]);

    [Fact]
    public void MathBinary_Bundle_MultipliesFicoIndexByDti()
    {
        // Labels by frequency: "650 - 700" = 0, "600 - 650" = 1, "700 - 800" = 2.
        var rows = Score(Bundle("MathBinaryParitySpec"), ["bin_out"],
            Row(("fico_score_group_fnl", "650 - 700"), ("dti", 0.12)), Row(("fico_score_group_fnl", "700 - 800"), ("dti", 0.12)));
        Assert.Equal([0.0, 2.0 * 0.12], rows.Select(r => (double)r["bin_out"]!));
    }

    [Fact]
    public void MultinomialLabeler_Bundle_LabelsEntriesAtOrAbove0_1()
    {
        var p = Bundle("MultinomialLabelerParitySpec");
        var rows = Score(p, ["probabilities", "labels"],
            Row(("fico_score_group_fnl", "650 - 700"), ("dti", 0.12)), Row(("fico_score_group_fnl", "600 - 650"), ("dti", 0.1)),
            Row(("fico_score_group_fnl", "650 - 700"), ("dti", 0.05)));
        Assert.Equal([0.12], (double[])rows[0]["probabilities"]!);
        Assert.Equal(new string?[] { "dtizy" }, (string?[])rows[0]["labels"]!);
        Assert.Equal([1.0, 0.1], (double[])rows[1]["probabilities"]!);
        Assert.Equal(new string?[] { "fico", "dtizy" }, (string?[])rows[1]["labels"]!);
        Assert.Empty((string?[])rows[2]["labels"]!);
    }

    [Fact]
    public void SupportVectorMachine_Bundle_MarginOfCoefficients0_53_0_67AndIntercept0_77()
    {
        var p = Bundle("SupportVectorMachineParitySpec");
        var rows = Score(p, ["raw_prediction", "probability", "prediction"],
            Row(("fico_score_group_fnl", "0 - 450"), ("dti", 0.12)), Row(("fico_score_group_fnl", "650 - 700"), ("dti", -10.0)));
        double m = 0.53 * 4.0 + 0.67 * 0.12 + 0.77;
        Assert.Equal([-m, m], rows[0].Vector("raw_prediction").Values);
        Assert.Equal([-m, m], rows[0].Vector("probability").Values);
        Assert.Equal(1.0, rows[0]["prediction"]);
        Assert.Equal(0.0, rows[1]["prediction"]);
    }

    [Fact]
    public void WordLengthFilter_Bundle_KeepsLetterWordsLongerThan3AfterStopWords()
    {
        var p = Bundle("WordLengthFilterParitySpec");
        var r = Score(p, ["filteredWords"], Row(("text", "Alice was beginning to get very tired of sitting, 'I said")))[0];
        // "of" is a stop word; "sitting," and "'i" hold a non-letter.
        Assert.Equal(new string?[] { "alice", "beginning", "tired", "said" }, (string?[])r["filteredWords"]!);
    }
}
