using System.Globalization;
using System.Text;
using System.Text.Json;
using Ember.Batch;
using Ember.Core.Tests.Api;
using Ember.Testing;
using Xunit;

namespace Ember.Core.Tests.Batch;

/// <summary>
/// Issue 8's proof: a batch job and the HTTP API, given the same rows and the same model store,
/// write the same predictions — every double bit for bit, vectors compared as dense values
/// (batch writes vectors dense; the API may write them sparse).
/// </summary>
public sealed class BatchApiParityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-batch-parity-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] IrisColumns = ["sepal_length", "sepal_width", "petal_length", "petal_width"];

    /// <summary>
    /// 50 varied rows: typical sizes to one decimal, full-precision values, and a few far outside
    /// the training range (zero, huge, negative) where the softmax saturates.
    /// </summary>
    private static List<string> IrisRows()
    {
        var random = new Random(8);
        var rows = new List<string>();
        for (int i = 0; i < 50; i++)
        {
            var values = new double[4];
            for (int c = 0; c < 4; c++)
            {
                double v = (c < 2 ? 4.3 : 0.1) + random.NextDouble() * (c < 2 ? 3.6 : 6.8);
                values[c] = (i % 5) switch
                {
                    0 => v, // full precision
                    4 when i % 15 == 4 => c switch { 0 => 0.0, 1 => 1e6, 2 => -3.25, _ => 1e-300 },
                    _ => Math.Round(v, 1),
                };
            }
            rows.Add("{" + string.Join(",", IrisColumns.Select((name, c) => $"\"{name}\":{values[c].ToString("R", CultureInfo.InvariantCulture)}")) + "}");
        }
        return rows;
    }

    [Fact]
    public async Task IrisSample_BatchJsonlAndApi_PredictEveryValueBitForBit()
    {
        using var host = new ApiTestHost();
        var rows = IrisRows();
        string input = Path.Combine(_dir, "in.jsonl");
        File.WriteAllText(input, string.Join("\n", rows) + "\n");

        var api = await PredictAsync(host, "iris", rows);
        var batch = await RunBatchAsync(host, "iris", input, Path.Combine(_dir, "out.jsonl"));

        AssertSamePredictions(api, batch, rows.Count, passthrough: IrisColumns);
    }

    [Fact]
    [Trait(Corpus.Trait, "zoo")]
    public async Task ZooRandomForest_BatchCsvAndApi_PredictEveryValueBitForBit()
    {
        string zooCase = Path.Combine(Corpus.Require(Corpus.Zoo), "jpmml-rf-iris-s340");
        using var host = new ApiTestHost(store => ApiTestHost.CopyDirectory(Path.Combine(zooCase, "model"), Path.Combine(store, "rfiris", "1")));
        string input = Path.Combine(zooCase, "data", "Iris.csv");
        string[] lines = File.ReadAllLines(input).Where(l => l.Length > 0).ToArray();
        string[] header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(line =>
        {
            string[] cells = line.Split(',');
            return "{" + string.Join(",", header.Select((h, c) => c < 4 ? $"\"{h}\":{cells[c]}" : $"\"{h}\":{JsonSerializer.Serialize(cells[c])}")) + "}";
        }).ToList();

        var api = await PredictAsync(host, "rfiris", rows);
        var batch = await RunBatchAsync(host, "rfiris", input, Path.Combine(_dir, "out.jsonl"));

        AssertSamePredictions(api, batch, rows.Count, passthrough: header);
    }

    private static async Task<List<JsonElement>> PredictAsync(ApiTestHost host, string model, List<string> rows)
    {
        var response = await host.PostAsync($"/api/models/{model}/predict", "{\"rows\":[" + string.Join(",", rows) + "]}");
        Assert.True(response.Status == 200, ApiTestHost.Text(response));
        return ApiTestHost.Json(response).GetProperty("predictions").EnumerateArray().ToList();
    }

    /// <summary>Runs the job the way a host does: the handler over the API's own model provider.</summary>
    private static async Task<List<JsonElement>> RunBatchAsync(ApiTestHost host, string model, string input, string output)
    {
        string message = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = model, ["input"] = input, ["output"] = output, ["passthrough"] = new[] { BatchJob.AllColumns }, ["chunkRows"] = 16,
        });
        var outcome = await BatchJobHandler.Create(host.Provider, _ => null).RunAsync(message, new BatchJobContext("parity", 1), default);
        Assert.True(outcome.Succeeded, outcome.Error);
        return File.ReadAllLines(output).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
    }

    private static void AssertSamePredictions(List<JsonElement> api, List<JsonElement> batch, int count, IReadOnlyList<string> passthrough)
    {
        Assert.Equal(count, api.Count);
        Assert.Equal(count, batch.Count);
        for (int i = 0; i < count; i++)
        {
            var apiColumns = api[i].EnumerateObject().Select(p => p.Name).ToList();
            Assert.NotEmpty(apiColumns);
            // Batch writes the passthrough columns, then exactly the API's outputs.
            Assert.Equal(passthrough.Concat(apiColumns), batch[i].EnumerateObject().Select(p => p.Name));
            foreach (string column in apiColumns)
            {
                string expected = Canonical(api[i].GetProperty(column)), actual = Canonical(batch[i].GetProperty(column));
                Assert.True(expected == actual, $"row {i} column '{column}': API {expected}, batch {actual}");
            }
        }
    }

    /// <summary>A value as text where doubles are their bits and sparse vectors are dense.</summary>
    private static string Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => Bits(value.GetDouble()),
        JsonValueKind.String when NonFinite(value.GetString()!) is { } d => Bits(d),
        JsonValueKind.String => "s:" + value.GetString(),
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.Object when value.TryGetProperty("size", out var size) => Densify(size.GetInt32(), value.GetProperty("indices"), value.GetProperty("values")),
        _ => value.GetRawText(),
    };

    private static string Densify(int size, JsonElement indices, JsonElement values)
    {
        var dense = new string[size];
        Array.Fill(dense, Bits(0.0));
        var at = indices.EnumerateArray().Select(e => e.GetInt32()).ToList();
        var v = values.EnumerateArray().Select(Canonical).ToList();
        for (int k = 0; k < at.Count; k++)
            dense[at[k]] = v[k];
        return "[" + string.Join(",", dense) + "]";
    }

    private static string Bits(double d) =>
        new StringBuilder().Append(d.ToString("R", CultureInfo.InvariantCulture)).Append('#').Append(BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture)).ToString();

    private static double? NonFinite(string s) => s switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => null,
    };
}
