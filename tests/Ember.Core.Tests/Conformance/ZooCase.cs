using Xunit;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Ember.Pipeline;
using Ember.Spark;
using Ember.Testing;

namespace Ember.Core.Tests.Conformance;

/// <summary>One case of the shared zoo: a model Spark saved, its data and Spark's own outputs.</summary>
internal sealed class ZooCase
{
    private ZooCase(string slug, JsonElement json)
    {
        Slug = slug;
        Json = json;
    }

    public string Slug { get; }

    public JsonElement Json { get; }

    public string Directory => Path.Combine(Corpus.Zoo, Slug);

    public string ModelDirectory => Path.Combine(Directory, "model");

    public string DataFile(string name) => Path.Combine(Directory, "data", name);

    public IReadOnlyList<string> AllClasses =>
        Json.GetProperty("all_classes_flat").EnumerateArray().Select(e => e.GetString()!).Distinct().ToList();

    public static IEnumerable<string> AllSlugs() =>
        System.IO.Directory.Exists(Corpus.Zoo)
            ? System.IO.Directory.GetDirectories(Corpus.Zoo).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
            : [];

    public static ZooCase Load(string slug)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus.Require(Corpus.Zoo), slug, "case.json")));
        return new ZooCase(slug, doc.RootElement.Clone());
    }

    /// <summary>The metadata classes of every stage directory of the model (short names), read without loading it.</summary>
    public IReadOnlyList<string> ModelClasses()
    {
        var classes = new List<string>();
        foreach (var metadata in System.IO.Directory.GetDirectories(ModelDirectory, "metadata", SearchOption.AllDirectories))
        {
            // Skip the unfitted estimators and evaluators that tuning models keep beside bestModel.
            string rel = Path.GetRelativePath(ModelDirectory, metadata).Replace('\\', '/');
            if (rel.Contains("estimator/") || rel.Contains("evaluator/") || rel.Contains("/classifier/") || rel.StartsWith("classifier/"))
                continue;
            var file = System.IO.Directory.GetFiles(metadata, "part-*").FirstOrDefault(f => !f.EndsWith(".crc"));
            if (file is null)
                continue;
            using var doc = JsonDocument.Parse(File.ReadLines(file).First(l => l.Trim().Length > 0));
            classes.Add(doc.RootElement.GetProperty("class").GetString()!);
        }
        return classes;
    }

    /// <summary>Reads a CSV with a header into rows of text cells.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path, string delimiter = ",", IReadOnlyList<string>? header = null)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter, HasHeaderRecord = header is null, BadDataFound = null };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);
        var rows = new List<Dictionary<string, string>>();
        string[] names;
        if (header is null)
        {
            csv.Read();
            csv.ReadHeader();
            names = csv.HeaderRecord!.Select(h => h.Replace("\"", "")).ToArray();
        }
        else
        {
            names = header.ToArray();
        }
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < names.Length; i++)
                row[names[i]] = csv.GetField(i) ?? "";
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Converts text rows to typed values for the pipeline's inputs (declared schema first, then the derived types).</summary>
    public static Dictionary<string, object?>[] Typed(CompiledPipeline pipeline, IEnumerable<Dictionary<string, string>> rows)
    {
        return rows.Select((row, i) =>
        {
            var typed = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var input in pipeline.Inputs)
            {
                if (!row.TryGetValue(input.Name, out var text) && !TryGetIgnoreCase(row, input.Name, out text))
                    throw new InvalidOperationException($"row {i}: no column '{input.Name}' in the data");
                typed[input.Name] = text!.Length == 0 ? null : TextValues.Parse(text, input.Type, out var problem) ?? throw new InvalidOperationException($"row {i}, {input.Name}: {problem}");
            }
            return typed;
        }).ToArray();
    }

    private static bool TryGetIgnoreCase(Dictionary<string, string> row, string name, out string? value)
    {
        foreach (var (k, v) in row)
        {
            if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }
        value = null;
        return false;
    }
}
