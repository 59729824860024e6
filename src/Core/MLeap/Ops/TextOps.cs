using Ember.Pipeline;

namespace Ember.MLeap.Ops;

/// <summary>MLeap text ops → org.apache.spark.ml.feature.* text definitions (mleap-bundle-format §3.2).</summary>
internal static class TextOps
{
    private const string Package = "org.apache.spark.ml.feature.";

    public static void Register(MLeapOpRegistry registry)
    {
        registry.Register("tokenizer", (n, _) => new Tokenizer(n.Info(Package + "Tokenizer"), n.Input(), n.Output()));
        registry.Register("regex_tokenizer", (n, _) => new RegexTokenizer(n.Info(Package + "RegexTokenizer"), n.Input(), n.Output(),
            n.Attributes.String("regex", "\\s+"), n.Attributes.Bool("match_gaps", true), n.Attributes.Int("token_min_length", 1),
            n.Attributes.Bool("lowercase_text", true)));
        // MLeap does not store the locale; the JVM default of the writers was English.
        registry.Register("stopwords_remover", (n, _) => new StopWordsRemover(n.Info(Package + "StopWordsRemover"), n.Inputs(), n.Outputs(),
            n.Attributes.StringList("stop_words"), n.Attributes.Bool("case_sensitive", false), "en_US"));
        registry.Register("ngram", (n, _) => new NGram(n.Info(Package + "NGram"), n.Input(), n.Output(), n.Attributes.Int("n", 2)));
        registry.Register("hashing_term_frequency", HashingTermFrequency);
        registry.Register("count_vectorizer", (n, _) => new CountVectorizerModel(n.Info(Package + "CountVectorizerModel"), n.Input(), n.Output(),
            n.Attributes.StringList("vocabulary"), n.Attributes.Double("min_tf", 1.0), n.Attributes.Bool("binary", false)));
        registry.Register("idf", (n, _) => new IDFModel(n.Info(Package + "IDFModel"), n.Input(), n.Output(), FeatureOps.Vector(n, "idf").ToArray()));
        registry.Register("word_to_vector", WordToVector);
    }

    /// <summary>hashUnsafeBytesVersion 2 = Murmur3 with the standard tail (Spark 3); absent or 1 = Spark 2's legacy tail.</summary>
    private static StageDefinition HashingTermFrequency(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        long features = a.Long("num_features");
        if (features is < 1 or > int.MaxValue)
            throw a.Error("num_features", $"{features} is not a vector size");
        int version = a.Int("hashUnsafeBytesVersion", 1);
        var hash = version switch
        {
            1 => TermHash.Murmur3Legacy,
            2 => TermHash.Murmur3,
            _ => throw a.Error("hashUnsafeBytesVersion", $"{version} is not 1 or 2"),
        };
        return new HashingTF(n.Info(Package + "HashingTF"), n.Input(), n.Output(), (int)features, a.Bool("binary", false), hash);
    }

    /// <summary>
    /// words[i]'s vector is row indices[i] of word_vectors (rows of vectorSize = len / words). The
    /// values are Spark's floats widened to double, so narrowing them back is exact.
    /// </summary>
    private static StageDefinition WordToVector(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        // Later MLeap releases add a "sqrt" kernel of their own; only Spark's average is Spark's transform.
        string kernel = a.String("kernel", "default");
        if (kernel is not ("default" or "avg" or ""))
            throw a.Error("kernel", $"'{kernel}' is an MLeap-only word vector kernel; Ember reproduces Spark's average only");
        var words = a.StringList("words");
        var rows = a.LongList("indices");
        var flat = a.DoubleList("word_vectors");
        if (words.Length == 0 || rows.Length != words.Length || flat.Length % words.Length != 0)
            throw n.Error($"has {words.Length} words, {rows.Length} indices and {flat.Length} vector values, which do not make one vector per word");
        int size = flat.Length / words.Length;
        var vectors = new float[flat.Length];
        for (int i = 0; i < words.Length; i++)
        {
            long row = rows[i];
            if (row < 0 || row >= words.Length)
                throw a.Error("indices", $"word '{words[i]}' points at row {row} of {words.Length}");
            for (int j = 0; j < size; j++)
                vectors[i * size + j] = (float)flat[row * size + j];
        }
        return new Word2VecModel(n.Info(Package + "Word2VecModel"), n.Input(), n.Output(), size, words, vectors);
    }
}
