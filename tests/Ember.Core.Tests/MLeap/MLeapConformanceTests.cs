using System.Text.Json;
using Ember.Core.Tests.Conformance;
using Ember.Core.Tests.Pipeline;
using Ember.MLeap;
using Ember.Pipeline;
using Ember.Spark;
using Ember.Testing;
using Xunit;

namespace Ember.Core.Tests.MLeap;

/// <summary>
/// Every bundle of the shared MLeap corpus loads into Spark stage definitions, compiles, and
/// reproduces the evidence its case.json records (outputs MLeap's runtime published or a test
/// asserted). Expectation format, per case: a recorded output value is compared to the bit, except
/// values that pass through exp/log (sigmoid, softmax), allowed 1 ulp as in the zoo suite, and
/// values published rounded (4 decimals), compared within half a unit of the last printed digit.
/// Cases without recorded outputs must load, expose the columns case.json lists, and score their
/// input (recorded, transcribed, or a sample row for the parity collection) without a refused row.
/// Bundles Ember cannot load are listed in <see cref="KnownUnsupported"/>, which fails when it changes.
/// </summary>
[Trait(Corpus.Trait, "mleap")]
public class MLeapConformanceTests
{
    private static readonly MLeapBundleLoader Loader = MLeapBundleLoader.CreateDefault();

    /// <summary>Bundles with an op Ember refuses, and that op (the load error names it and its node).</summary>
    private static readonly string[] KnownUnsupported = [];

    public static TheoryData<string> SupportedCases()
    {
        var data = new TheoryData<string>();
        foreach (var id in MLeapCase.AllIds())
            if (UnsupportedOp(id) is null)
                data.Add(id);
        return data;
    }

    [Fact]
    public void MLeap_BundlesWithUnsupportedOps_AreExactlyTheKnownOnes()
    {
        var ids = MLeapCase.AllIds().ToList();
        Assert.True(ids.Count > 0, "the MLeap corpus is empty");
        var report = ids.Select(id => (Id: id, Op: UnsupportedOp(id))).Where(x => x.Op is not null).Select(x => $"{x.Id}: {x.Op}").ToArray();
        Assert.Equal(KnownUnsupported, report);
    }

    [Theory]
    [MemberData(nameof(SupportedCases))]
    public void MLeap_Bundle_LoadsAndReproducesEvidence(string id)
    {
        var c = MLeapCase.Load(id);
        var model = Loader.Load(c.BundleDirectory);
        var agreement = new Agreement(maxUlps: 1);
        if (Adapters.TryGetValue(id, out var adapter))
            adapter(c, model, agreement);
        else
            Structural(c, model, agreement);
        // The published archive reads the same as the unpacked bundle.
        if (c.OriginalZip is { } zip && File.Exists(zip))
            agreement.Equal(Describe(model), Describe(Loader.Load(zip)), "stages loaded from the original zip");
        agreement.AssertAll(id);
    }

    private static string? UnsupportedOp(string id)
    {
        try
        {
            Loader.Load(MLeapCase.Load(id).BundleDirectory);
            return null;
        }
        catch (ModelLoadException ex) when (ex.UnsupportedClass is not null)
        {
            return ex.UnsupportedClass;
        }
    }

    private delegate void CaseAdapter(MLeapCase c, SparkModel model, Agreement a);

    private static readonly Dictionary<string, CaseAdapter> Adapters = new(StringComparer.Ordinal)
    {
        // MLeap runtime 0.18.1 output of the whole row (vectors printed dense), README of dccspeed/lemonade-mleap-serving.
        ["airbnb-linreg-m080"] = (c, model, a) =>
        {
            var pipeline = model.Compile(c.DeclaredTypes());
            var rows = c.ReadLeapFrame("frame.airbnb.json");
            using var response = JsonDocument.Parse(File.ReadAllBytes(c.DataFile("expected_transform_response.json")));
            var expected = response.RootElement.GetProperty("rows")[0];
            var names = expected.EnumerateObject().Select(p => p.Name).Where(n => pipeline.Columns.Any(col => col.Name == n)).ToArray();
            Assert.Contains("price_prediction", names);
            var result = Score(pipeline, names, rows)[0];
            foreach (var property in expected.EnumerateObject())
                if (names.Contains(property.Name))
                    CheckValue(a, property.Value, result[property.Name], property.Name);
        },
        // StreamSets' MLeap processor test asserts 218.2767196535019 with delta 0.0 for this row.
        ["airbnb-rf-m080"] = (c, model, a) =>
        {
            var pipeline = model.Compile(c.DeclaredTypes());
            var result = Score(pipeline, ["price_prediction"], c.ReadLeapFrame("frame.airbnb.json"))[0];
            a.Check(218.2767196535019, (double)result["price_prediction"]!, "price_prediction");
        },
        // mleap-spring-boot ScoringBase asserts column 5 (demo:prediction) == -67.78953193834998.
        ["sklearn-demo-linreg-m081"] = (c, model, a) =>
        {
            var pipeline = model.Compile(c.DeclaredTypes());
            var result = Score(pipeline, ["demo:prediction"], c.ReadLeapFrame("input_frame.json"))[0];
            a.Check(-67.78953193834998, (double)result["demo:prediction"]!, "demo:prediction");
        },
        // A leap-frame service response: predict 1, label labels[1], probability[1] = 0.3031715573470738.
        ["tax-w2v-rf-m090"] = (c, model, a) =>
        {
            var pipeline = model.Compile(c.DeclaredTypes());
            using var doc = JsonDocument.Parse(File.ReadAllBytes(c.DataFile("expected.json")));
            var e = doc.RootElement;
            var result = Score(pipeline, ["predict", "probability", "mlType"], c.ReadLeapFrame("input_frame.json"))[0];
            double predict = (double)result["predict"]!;
            a.Check(e.GetProperty("predict").GetDouble(), predict, "predict");
            a.Equal(e.GetProperty("mlType").GetString(), (string?)result["mlType"], "mlType");
            a.Check(e.GetProperty("probability_at_predict_index").GetDouble(), result.Vector("probability").Values[(int)predict], "probability[predict]");
        },
        // Spark notebook row printed with 4 decimals (the bundle is that fitted pipeline).
        ["pyspark-airbnb-logreg-m0100"] = (c, model, a) =>
        {
            var pipeline = model.Compile(c.DeclaredTypes());
            var row = c.ReadLeapFrame("airbnb.json")[0];
            var result = Score(pipeline, ["scaled_continuous_features", "rawPrediction", "probability", "n_bathrooms_more_than_two_prediction",
                "cancellation_policy_index", "oh_encoder_cancellation_policy_index", "state_index"], [row])[0];
            Near(a, [2.0701, 1.1811, 0.409, 0.469, 0.5352, 0.2859, 1.0457, 10.9593], result.Vector("scaled_continuous_features").ToArray(), 5e-5, "scaled_continuous_features");
            Near(a, [7.5611, -7.5611], result.Vector("rawPrediction").ToArray(), 5e-5, "rawPrediction");
            Near(a, [0.9995, 0.0005], result.Vector("probability").ToArray(), 5e-5, "probability");
            a.Check(0.0, (double)result["n_bathrooms_more_than_two_prediction"]!, "prediction");
            a.Check(1.0, (double)result["cancellation_policy_index"]!, "cancellation_policy_index");
            a.Check(0.0, (double)result["state_index"]!, "state_index");
            a.Equal("(6,[1],[1.0])", Sparse(result.Vector("oh_encoder_cancellation_policy_index")), "oh_encoder_cancellation_policy_index");
        },
        // case.json notes: labels A,B,C with keep (unseen → 3.0); legacy one-hot size 3 with drop_last, index 3 → all zeros.
        ["sklearn-ohe-pipeline-m081"] = (c, model, a) =>
        {
            var pipeline = model.Compile(c.DeclaredTypes());
            Assert.Equal(2, model.LeafStages().Count());
            var results = Score(pipeline, ["col_1_label_le", "col_1_label_one_hot_encoded"],
                new[] { "A", "B", "C", "Z" }.Select(v => PipelineHarness.Row(("col_1", (object?)v))).ToList());
            string[] encoded = ["(3,[0],[1.0])", "(3,[1],[1.0])", "(3,[2],[1.0])", "(3,[],[])"];
            for (int i = 0; i < results.Count; i++)
            {
                a.Check(i, (double)results[i]["col_1_label_le"]!, $"row {i} index");
                a.Equal(encoded[i], Sparse(results[i].Vector("col_1_label_one_hot_encoded")), $"row {i} one-hot");
            }
        },
        ["minmax-scaler-m016"] = (c, model, a) =>
        {
            Assert.Equal(2, model.LeafStages().Count());
            Structural(c, model, a);
        },
        ["empty-pipeline-m0100"] = (c, model, a) =>
        {
            var pipeline = model.Compile();
            a.Equal(0, model.LeafStages().Count(s => s is not PipelineModel), "stages");
            a.Equal(0, pipeline.Inputs.Count, "inputs");
        },
    };

    /// <summary>Sample rows for cases without recorded outputs (values from each case's notes and data sets).</summary>
    private static readonly Dictionary<string, object?> SampleValues = new(StringComparer.Ordinal)
    {
        // spark-parity: the lending-club sample columns.
        ["fico_score_group_fnl"] = "650 - 700", ["dti"] = 0.12, ["loan_amount"] = 1500.0, ["state"] = "CA", ["approved"] = 0.0,
        ["loan_title"] = "debt consolidation loan", ["text"] = "Alice was beginning to get very tired", ["mv"] = 23.4,
        // ctr-mlp
        ["content_type"] = "movie", ["item_ctr"] = 0.002, ["is_new_user"] = 1, ["user_item_click"] = 3L, ["user_item_imp"] = 10.0,
        ["embedding_inner_product"] = 0.4,
        // sparklyr reviews: the demo app passes "" as the label.
        ["review"] = "great food and friendly staff", ["score"] = "",
        // kmeans-dir
        ["total_count"] = 120.0, ["request_time_mean"] = 0.3, ["daily_counts"] = 40.0, ["bytes_sent_mean"] = 5120.0,
        ["upstream_response_mean"] = 0.25, ["status_code_4XX_sum"] = 2.0, ["status_code_5XX_sum"] = 0.0, ["is_weekend_ratio"] = 0.2,
    };

    private static readonly Dictionary<string, SparkType> ParityTypes = new(StringComparer.Ordinal)
    {
        ["fico_score_group_fnl"] = SparkType.String, ["dti"] = SparkType.Double, ["loan_amount"] = SparkType.Double,
        ["state"] = SparkType.String, ["approved"] = SparkType.Double, ["loan_title"] = SparkType.String,
        ["text"] = SparkType.String, ["mv"] = SparkType.Double,
    };

    /// <summary>No recorded outputs: the produced columns exist, and the case's input (or a sample row) scores without refusal.</summary>
    private static void Structural(MLeapCase c, SparkModel model, Agreement a)
    {
        var declared = c.Id.StartsWith("spark-parity-m080/", StringComparison.Ordinal) ? ParityTypes : c.DeclaredTypes();
        var pipeline = model.Compile(declared);
        string[] produced = c.Json.TryGetProperty("columns_produced", out var p) ? p.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : c.Json.TryGetProperty("output_columns", out var o) ? o.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
        foreach (var column in produced)
            a.Equal(true, pipeline.Columns.Any(col => col.Name == column), $"column {column} is produced");
        var files = Directory.Exists(Path.Combine(c.CaseDirectory, "data")) ? Directory.GetFiles(Path.Combine(c.CaseDirectory, "data"), "*.json") : [];
        List<Dictionary<string, object?>> rows = c.Id.Contains('/') || files.Length == 0
            ? [pipeline.Inputs.ToDictionary(i => i.Name, i => SampleValues.GetValueOrDefault(i.Name))]
            : c.ReadLeapFrame(Path.GetFileName(files[0]));
        var missing = pipeline.Inputs.Where(i => !rows[0].ContainsKey(i.Name) || rows[0][i.Name] is null).Select(i => i.Name).ToList();
        Assert.True(missing.Count == 0, $"{c.Id}: no sample value for inputs {string.Join(", ", missing)}");
        var results = PipelineHarness.Score(pipeline, pipeline.DefaultOutputs.Select(d => d.Name), rows.ToArray());
        for (int i = 0; i < results.Count; i++)
            a.Equal(RowState.Ok, results[i].State, $"row {i} ({results[i].Error})");
    }

    private static void CheckValue(Agreement a, JsonElement expected, object? actual, string column)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Number:
                a.Check(expected.GetDouble(), Convert.ToDouble(actual, System.Globalization.CultureInfo.InvariantCulture), column);
                break;
            case JsonValueKind.String:
                a.Equal(expected.GetString(), actual as string, column);
                break;
            case JsonValueKind.Array:
                var values = ((SparkVector)actual!).ToArray();
                var want = expected.EnumerateArray().Select(e => e.GetDouble()).ToArray();
                a.Equal(want.Length, values.Length, $"{column} size");
                for (int i = 0; i < Math.Min(want.Length, values.Length); i++)
                    a.Check(want[i], values[i], $"{column}[{i}]");
                break;
            default:
                a.Fail($"{column}: unexpected {expected.ValueKind} in the expected row");
                break;
        }
    }

    /// <summary>Values published rounded: within <paramref name="tolerance"/> (half a unit of the last digit).</summary>
    private static void Near(Agreement a, double[] printed, double[] actual, double tolerance, string column)
    {
        a.Equal(printed.Length, actual.Length, $"{column} size");
        for (int i = 0; i < Math.Min(printed.Length, actual.Length); i++)
            a.Equal(true, Math.Abs(printed[i] - actual[i]) <= tolerance, $"{column}[{i}]: printed {printed[i]}, Ember {actual[i]:R}");
    }

    private static string Sparse(SparkVector v) =>
        v.IsDense ? "dense " + string.Join(",", v.Values)
            : $"({v.Size},[{string.Join(",", v.Indices!)}],[{string.Join(",", v.Values.Select(x => x.ToString("0.0###", System.Globalization.CultureInfo.InvariantCulture)))}])";

    private static string Describe(SparkModel model) =>
        string.Join("; ", model.LeafStages().Select(s => s.Info.Label + " " + string.Join(",", s.DescribeParams().Select(p => p.Key + "=" + p.Value))));

    private static IReadOnlyList<RowResult> Score(CompiledPipeline pipeline, string[] outputs, IReadOnlyList<Dictionary<string, object?>> rows)
    {
        var results = PipelineHarness.Score(pipeline, outputs, rows.ToArray());
        var refused = results.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.State != RowState.Ok);
        Assert.True(refused.r is null, refused.r is null ? "" : $"row {refused.i} was {refused.r.State}: {refused.r.Error}");
        return results;
    }
}
