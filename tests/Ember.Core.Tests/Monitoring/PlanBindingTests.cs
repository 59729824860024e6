using System.Text.Json;
using Ember.Api;
using Ember.Monitoring;
using Ember.Pipeline;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Monitoring;

/// <summary>
/// The monitor's fast path (a flat binding per plan, strings counted by their StringIndexer index,
/// a one-row path) must give exactly the profiles of the straightforward one:
/// <see cref="ColumnProfile.Observe"/> per column, every string looked up.
/// </summary>
public sealed class PlanBindingTests
{
    // Indexer labels deliberately differ from the baseline's categories: "green" and "yellow" are
    // labels the baseline lacks, "teal" a baseline value the indexer does not know.
    private static readonly string[] ColorLabels = ["red", "green", "blue", "yellow"];
    private static readonly string[] ShapeLabels = ["circle", "square", "triangle"];
    private static readonly string[] SizeLabels = ["S", "M", "L"];
    private static readonly string?[] Colors = ["red", "green", "blue", "yellow", "teal", "purple", null];
    private static readonly string?[] Shapes = ["circle", "square", "triangle", "hexagon", null];
    private static readonly string?[] Sizes = ["S", "M", "L", "XL", null];
    private static readonly double[] Specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1e300, -3.5];

    [Fact]
    public void Observe_RandomFrames_FastPathEqualsReference()
    {
        var pipeline = Pipeline();
        var baseline = Baseline();
        var schema = ProfileSchema.Of(baseline);
        var known = new CategoryAccumulator?[schema.Inputs.Count];
        for (int i = 0; i < known.Length; i++)
            known[i] = ColumnProfile.KnownCategories(schema.Inputs[i], ProfileSet.Find(baseline.Inputs, schema.Inputs[i].Name));
        var binding = PlanBinding.Create(pipeline.DefaultPlan, pipeline, schema, known);
        Assert.Equal(3, binding.Columns.Count(c => c.Kind == ObserveKind.IndexedStrings)); // the fast path is exercised

        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), (int seed) =>
        {
            var rng = new Random(seed);
            // Learnable 3: values past the cap fold into other, so the order values are learned in matters too.
            var fast = ProfileSet.Create(schema, baseline, learnable: 3);
            var reference = ProfileSet.Create(schema, baseline, learnable: 3);
            var frame = pipeline.CreateFrame(8);
            for (int f = 0; f < 6; f++)
            {
                int rows = rng.Next(3) == 0 ? rng.Next(2, 40) : 1;
                Fill(pipeline, frame, rows, rng);
                pipeline.DefaultPlan.Execute(frame);
                var states = frame.AllOk ? null : frame.States;
                binding.Observe(fast, frame, rows, states);
                for (int i = 0; i < binding.InputProfiles.Length; i++)
                    reference.Inputs[binding.InputProfiles[i]].Observe(frame.Columns[binding.InputSlots[i]], rows, null);
                for (int i = 0; i < binding.OutputProfiles.Length; i++)
                    reference.Outputs[binding.OutputProfiles[i]].Observe(frame.Columns[binding.OutputSlots[i]], rows, states);
            }
            string expected = Json(reference), actual = Json(fast);
            if (expected != actual)
                throw new InvalidOperationException($"seed {seed}:\nreference {expected}\nfast path {actual}");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Create_WithoutBaselineCategories_LooksStringsUp()
    {
        var pipeline = Pipeline();
        var schema = ProfileSchema.Of(Baseline());
        var binding = PlanBinding.Create(pipeline.DefaultPlan, pipeline, schema);
        Assert.DoesNotContain(binding.Columns, c => c.Kind == ObserveKind.IndexedStrings);
        Assert.Contains(binding.Columns, c => c.Kind == ObserveKind.Strings);
    }

    /// <summary>x, n, flag and three strings, each through a StringIndexer of another handleInvalid, into a binomial LogisticRegression.</summary>
    private static CompiledPipeline Pipeline() => Compile(
        new Dictionary<string, SparkType>
        {
            ["x"] = SparkType.Double, ["n"] = SparkType.Long, ["flag"] = SparkType.Boolean,
            ["color"] = SparkType.String, ["shape"] = SparkType.String, ["size"] = SparkType.String,
        },
        new StringIndexerModel(Info("StringIndexerModel", "3.5.0", "si1"), ["color"], ["colorIndex"], [ColorLabels], "skip"),
        new StringIndexerModel(Info("StringIndexerModel", "3.5.0", "si2"), ["shape", "size"], ["shapeIndex", "sizeIndex"], [ShapeLabels, SizeLabels], "keep"),
        new StringIndexerModel(Info("StringIndexerModel", "3.5.0", "si3"), ["size"], ["sizeChecked"], [SizeLabels], "error"),
        new VectorAssembler(Info("VectorAssembler", "3.5.0", "va"), ["x", "n", "flag", "colorIndex", "shapeIndex", "sizeIndex", "sizeChecked"], "features", "keep"),
        new LogisticRegressionModel(Info("LogisticRegressionModel", "3.5.0", "lr"), "features", "prediction", "rawPrediction", "probability",
            new SparkMatrix(1, 7, [0.8, -0.1, 0.5, 0.3, -0.4, 0.2, 0.1], isTransposed: true), SparkVector.Dense([-0.5]), 2, false, 0.5, false, null));

    private static ModelBaseline Baseline()
    {
        static ColumnProfileData Numeric(string name, double min, double max) =>
            new(name, "numeric", 10, 0, Numeric: new NumericData(0, 10, (min + max) / 2, 1, min, max, new SketchData(QuantileSketch.Layout, [], [])));
        static ColumnProfileData Categorical(string name, string kind, params string[] values) =>
            new(name, kind, 10, 0, Categorical: new CategoricalData(values.Select(v => new CategoryCount(v, 2)).ToList(), 0, false));
        return new ModelBaseline(ModelBaseline.CurrentFormat, 10, DateTimeOffset.UnixEpoch, null, 0,
            [
                Numeric("x", -1, 1), Numeric("n", 0, 10), Categorical("flag", "boolean", "false", "true"),
                Categorical("color", "categorical", "blue", "red", "teal"),
                Categorical("shape", "categorical", "square", "circle"),
                Categorical("size", "categorical", "L", "M", "S"),
            ],
            [
                Categorical("prediction", "class", "0", "1"),
                new ColumnProfileData("probability", "probability", 10, 0, Probability: new ProbabilityData(10, [new long[10], new long[10]])),
            ]);
    }

    private static void Fill(CompiledPipeline pipeline, Frame frame, int rows, Random rng)
    {
        frame.Reset(rows);
        foreach (var input in pipeline.Inputs)
        {
            var column = frame.Columns[input.Slot];
            for (int r = 0; r < rows; r++)
            {
                object? value = input.Name switch
                {
                    "x" => rng.Next(8) == 0 ? null : rng.Next(4) == 0 ? Specials[rng.Next(Specials.Length)] : rng.NextDouble() * 4 - 2,
                    "n" => rng.Next(8) == 0 ? null : (long)rng.Next(-2, 14),
                    "flag" => rng.Next(8) == 0 ? null : rng.Next(2) == 1,
                    "color" => Fresh(Colors[rng.Next(Colors.Length)]),
                    "shape" => Fresh(Shapes[rng.Next(Shapes.Length)]),
                    _ => Fresh(rng.Next(6) == 0 ? Sizes[rng.Next(Sizes.Length)] : Sizes[rng.Next(3)]),
                };
                Assert.Null(FrameValues.TrySet(column, r, value));
            }
        }
    }

    // A new instance per row, as parsing a request produces: equal strings, never the same reference.
    private static string? Fresh(string? value) => value is null ? null : new string(value.AsSpan());

    // Named literals: a variance of values near 1e300 overflows to infinity, on both paths alike.
    private static readonly JsonSerializerOptions Exact = new(EmberJsonContext.Default.Options)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static string Json(ProfileSet profiles) => JsonSerializer.Serialize(
        new ModelBaseline(ModelBaseline.CurrentFormat, 0, DateTimeOffset.UnixEpoch, null, 0, profiles.InputData(int.MaxValue), profiles.OutputData(int.MaxValue)),
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ModelBaseline>)Exact.GetTypeInfo(typeof(ModelBaseline)));
}
