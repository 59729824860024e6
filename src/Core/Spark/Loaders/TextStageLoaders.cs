using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for the text and hashing stages of org.apache.spark.ml.feature.* (reference §4.14–4.22).</summary>
internal static class TextStageLoaders
{
    private const string Package = "org.apache.spark.ml.feature.";

    /// <summary>HashingTF, FeatureHasher and CountVectorizer's default: 2^18.</summary>
    private const int DefaultNumFeatures = 1 << 18;

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "Tokenizer", LoadTokenizer);
        registry.Register(Package + "RegexTokenizer", LoadRegexTokenizer);
        registry.Register(Package + "StopWordsRemover", LoadStopWordsRemover);
        registry.Register(Package + "NGram", LoadNGram);
        registry.Register(Package + "HashingTF", LoadHashingTF);
        registry.Register(Package + "CountVectorizerModel", LoadCountVectorizerModel);
        registry.Register(Package + "IDFModel", LoadIDFModel);
        registry.Register(Package + "FeatureHasher", LoadFeatureHasher);
        registry.Register(Package + "Word2VecModel", LoadWord2VecModel);
    }

    private static StageDefinition LoadTokenizer(SavedStage s) =>
        new Tokenizer(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol());

    private static StageDefinition LoadRegexTokenizer(SavedStage s)
    {
        string pattern = s.Params.String("pattern", @"\s+");
        try
        {
            return new RegexTokenizer(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), pattern,
                s.Params.Bool("gaps", true), s.Params.Int("minTokenLength", 1), s.Params.Bool("toLowercase", true));
        }
        catch (JavaRegexException ex)
        {
            throw s.Error($"param 'pattern': {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            throw s.Error($"param 'pattern' \"{pattern}\" does not translate to a valid .NET regex: {ex.Message}");
        }
    }

    /// <summary>stopWords: paramMap → defaultParamMap (2.4+) → the English list bundled with the saving version.</summary>
    private static StageDefinition LoadStopWordsRemover(SavedStage s)
    {
        var p = s.Params;
        var stopWords = p.StringArray("stopWords") ?? StopWordLists.EnglishFor(s.Version)
            ?? throw s.Error($"param 'stopWords' is not saved and Ember does not have the default English list of Spark {s.Version}; re-save the stage with stopWords set explicitly.");
        string[] inputs, outputs;
        if (p.IsSet("inputCols"))
        {
            inputs = p.StringArray("inputCols")!;
            outputs = p.StringArray("outputCols") ?? throw p.Missing("outputCols");
        }
        else
        {
            inputs = [p.RequiredString("inputCol")];
            outputs = [p.OutputCol()];
        }
        // Before 2.4 there is no locale param: the JVM default (assumed en).
        string locale = s.Version.AtLeast(2, 4) ? p.String("locale", "en_US") : "en_US";
        return new StopWordsRemover(s.Info, inputs, outputs, stopWords, p.Bool("caseSensitive", false), locale);
    }

    private static StageDefinition LoadNGram(SavedStage s) =>
        new NGram(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), s.Params.Int("n", 2));

    private static StageDefinition LoadHashingTF(SavedStage s) =>
        new HashingTF(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(),
            s.Params.Int("numFeatures", DefaultNumFeatures), s.Params.Bool("binary", false), HashingTF.HashFor(s.Version));

    /// <summary>data: vocabulary: array&lt;string&gt;.</summary>
    private static StageDefinition LoadCountVectorizerModel(SavedStage s) =>
        new CountVectorizerModel(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(),
            s.ReadSingleRow().GetStringArray("vocabulary"), s.Params.Double("minTF", 1.0), s.Params.Bool("binary", false));

    /// <summary>data: idf: vector (3.0+ also docFreq and numDocs, which transform does not use).</summary>
    private static StageDefinition LoadIDFModel(SavedStage s) =>
        new IDFModel(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), s.ReadSingleRow().GetVector("idf").ToArray());

    private static StageDefinition LoadFeatureHasher(SavedStage s) =>
        new FeatureHasher(s.Info, s.Params.StringArray("inputCols") ?? throw s.Params.Missing("inputCols"), s.Params.OutputCol(),
            s.Params.Int("numFeatures", DefaultNumFeatures), s.Params.StringArray("categoricalCols") ?? []);

    /// <summary>
    /// data: one row per word (word: string, vector: array&lt;float&gt;), possibly in several part
    /// files; files before 2.2 hold one row (wordIndex: map&lt;string,int&gt;, wordVectors: array&lt;float&gt;).
    /// </summary>
    private static StageDefinition LoadWord2VecModel(SavedStage s)
    {
        int vectorSize = s.Params.Int("vectorSize", 100);
        if (vectorSize <= 0)
            throw s.Error($"param 'vectorSize' is {vectorSize}; it must be positive.");
        var rows = s.ReadData();
        var words = new List<string>(rows.Count);
        float[] vectors;
        if (rows.Count == 1 && rows[0].Has("wordIndex"))
        {
            var row = rows[0];
            var flat = row.GetFloatArray("wordVectors");
            if (row["wordIndex"] is not IReadOnlyList<KeyValuePair<object?, object?>> index)
                throw row.Error("wordIndex", "expected a map<string,int>");
            if ((long)index.Count * vectorSize != flat.Length)
                throw row.Error("wordVectors", $"holds {flat.Length} values, not {index.Count} words x vectorSize {vectorSize}");
            vectors = new float[flat.Length];
            foreach (var (key, value) in index)
            {
                if (key is not string word || value is not int i || i < 0 || i >= index.Count)
                    throw row.Error("wordIndex", $"entry {key} -> {value} is not a word with an index below {index.Count}");
                Array.Copy(flat, (long)i * vectorSize, vectors, (long)words.Count * vectorSize, vectorSize);
                words.Add(word);
            }
        }
        else
        {
            vectors = new float[(long)rows.Count * vectorSize];
            foreach (var row in rows)
            {
                var v = row.GetFloatArray("vector");
                if (v.Length != vectorSize)
                    throw row.Error("vector", $"word '{row.GetString("word")}' has {v.Length} values but vectorSize is {vectorSize}");
                v.CopyTo(vectors, (long)words.Count * vectorSize);
                words.Add(row.GetString("word"));
            }
        }
        return new Word2VecModel(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), vectorSize, words, vectors);
    }
}
