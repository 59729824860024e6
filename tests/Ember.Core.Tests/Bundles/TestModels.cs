using System.Globalization;
using System.Text.Json;
using Ember.Bundles;

namespace Ember.Core.Tests.Bundles;

/// <summary>
/// Tiny real Spark models written by hand (a Binarizer: metadata only, exactly as Spark saves it),
/// so bundle and cache tests need no corpus and load in microseconds.
/// </summary>
internal static class TestModels
{
    /// <summary>A Binarizer x → y (1.0 when x &gt; threshold), with Spark's _SUCCESS and .crc beside it.</summary>
    public static string WriteBinarizer(string directory, double threshold, string sparkVersion = "3.5.0")
    {
        string metadata = Path.Combine(directory, "metadata");
        Directory.CreateDirectory(metadata);
        string t = threshold.ToString("R", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(metadata, "part-00000"),
            $$$"""{"class":"org.apache.spark.ml.feature.Binarizer","timestamp":1700000000000,"sparkVersion":"{{{sparkVersion}}}","uid":"Binarizer_test","paramMap":{"inputCol":"x","outputCol":"y","threshold":{{{t}}}},"defaultParamMap":{"outputCol":"Binarizer_test__output","threshold":0.0}}""" + "\n");
        File.WriteAllText(Path.Combine(metadata, "_SUCCESS"), "");
        File.WriteAllText(Path.Combine(metadata, ".part-00000.crc"), "crc");
        return directory;
    }

    public static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Packs a Binarizer bundle into <paramref name="output"/> with examples x = 0.2 and x = 0.9.</summary>
    public static BundleManifest PackBinarizer(string work, string output, string name, string version, double threshold = 0.5)
    {
        string model = WriteBinarizer(Path.Combine(work, $"src-{name}-{version}-{Guid.NewGuid():N}"), threshold);
        return new BundleWriter().Pack(model, new PackOptions(name, version, "test model",
            [Json("""{"x": 0.2}"""), Json("""{"x": 0.9}""")], CreatedAt: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)), output);
    }

    /// <summary>Rewrites ember.json of a bundle directory through <paramref name="edit"/> (keeps checksums, so only the edit differs).</summary>
    public static void EditManifest(string bundle, Func<string, string> edit)
    {
        string path = Path.Combine(bundle, BundleManifest.FileName);
        File.WriteAllText(path, edit(File.ReadAllText(path)));
    }
}
