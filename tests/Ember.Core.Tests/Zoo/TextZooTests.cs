using Xunit;
using Ember.Core.Tests.Conformance;
using Ember.Core.Tests.Pipeline;
using Ember.Pipeline;
using Ember.Spark;
using Ember.Testing;

namespace Ember.Core.Tests.Zoo;

/// <summary>
/// The text stages of the zoo's text pipelines, loaded one by one and run on the case's own data
/// without the (other helpers') classifiers. The strongest evidence available: Spark 3.x IDFModel
/// files keep docFreq, the number of training documents each hashed or counted index occurred
/// in; our Tokenizer → StopWordsRemover → HashingTF on the training data must reproduce it.
/// </summary>
[Trait(Corpus.Trait, "zoo")]
public class TextZooTests
{
    private static readonly SparkModelLoader Loader = SparkModelLoader.CreateDefault();

    [Fact]
    public void Malek1_TokenizerStopWordsHashingTF_ReproduceSavedDocFreq()
    {
        var zoo = ZooCase.Load("malek1-tweets-logreg-s320");
        var tweets = ZooCase.ReadCsv(zoo.DataFile("training_set.csv")).Select(r => r["Tweet"]).ToList();
        var (docFreq, numDocs) = SavedDocFreq(zoo, "3_IDF_43507d29db70");
        Assert.Equal(tweets.Count, numDocs);
        var tf = Run(zoo, ["0_Tokenizer_443a005be202", "1_StopWordsRemover_0075f3b89803", "2_HashingTF_01b95ad2f1bf"], "Tweet", tweets, "tf");
        Assert.Equal(docFreq, DocFreq(tf, docFreq.Length));
    }

    [Fact]
    public void Malek1_IDFModel_WeightsEveryHashedTerm()
    {
        var zoo = ZooCase.Load("malek1-tweets-logreg-s320");
        var tweets = ZooCase.ReadCsv(zoo.DataFile("training_set.csv")).Select(r => r["Tweet"]).Take(50).ToList();
        var vectors = Run(zoo, ["0_Tokenizer_443a005be202", "1_StopWordsRemover_0075f3b89803", "2_HashingTF_01b95ad2f1bf", "3_IDF_43507d29db70"], "Tweet", tweets, "vector");
        var tf = Run(zoo, ["0_Tokenizer_443a005be202", "1_StopWordsRemover_0075f3b89803", "2_HashingTF_01b95ad2f1bf"], "Tweet", tweets, "tf");
        var idf = Loader.DataReader.ReadRows(Files(zoo), "stages/3_IDF_43507d29db70/data")[0].GetVector("idf");
        for (int i = 0; i < vectors.Count; i++)
        {
            Assert.Equal(tf[i].Indices, vectors[i].Indices);
            for (int k = 0; k < tf[i].Values.Length; k++)
            {
                // minDocFreq = 1: a term of a training document has a non-zero weight.
                Assert.NotEqual(0.0, vectors[i].Values[k]);
                Assert.Equal(tf[i].Values[k] * idf.Values[tf[i].Indices![k]], vectors[i].Values[k]);
            }
        }
    }

    [Fact]
    public void Oumaimaoys_TokenizerStopWordsHashingTF_NotebookTitlesHitTrainedIndices()
    {
        var zoo = ZooCase.Load("oumaimaoys-arabic-news-s352");
        var titles = ShowTableTitles(zoo);
        var (docFreq, _) = SavedDocFreq(zoo, "3_IDF_75a3aa1b0c04");
        var tf = Run(zoo, ["0_Tokenizer_b113721f4cb2", "1_StopWordsRemover_d3a92ff79ce2", "2_HashingTF_2b26815557c5"], "title", titles, "raw_features");
        int hits = tf.Sum(v => v.Indices!.Count(i => docFreq[i] > 0));
        int total = tf.Sum(v => v.Indices!.Length);
        Assert.True(total > 0);
        // The notebook scored held-out titles: most of their words occurred in training.
        Assert.True(hits * 10 >= total * 8, $"{hits} of {total} hashed terms have a training docFreq");
    }

    [Fact]
    public void JpmmlSentiment_RegexTokenizerStopWordsCountVectorizer_ReproduceTrainingCounts()
    {
        var zoo = ZooCase.Load("jpmml-dt-sentiment-s300");
        var sentences = ZooCase.ReadCsv(zoo.DataFile("Sentiment.csv")).Select(r => r["Sentence"]).ToList();
        var (docFreq, numDocs) = SavedDocFreq(zoo, "7_IDF_68ef57886158");
        Assert.Equal(sentences.Count, numDocs);
        var features = Run(zoo, ["1_RegexTokenizer_a956ff508c10", "2_StopWordsRemover_af772b68fb02", "3_CountVectorizer_8c462e675cef",
            "4_NGram_d4e4aea928e5", "5_CountVectorizer_3c8db620e91c", "6_VectorAssembler_583878b64e03"], "Sentence", sentences, "featureVector");
        Assert.Equal(docFreq, DocFreq(features, docFreq.Length));
    }

    private static IModelFileSystem Files(ZooCase zoo) => new DirectoryModelFileSystem(zoo.ModelDirectory);

    /// <summary>Loads the named stage directories, compiles them in order and scores one text column.</summary>
    private static List<SparkVector> Run(ZooCase zoo, string[] stages, string inputName, IReadOnlyList<string> texts, string output)
    {
        var defs = stages.Select(s => Loader.LoadStage(Files(zoo), "stages/" + s)).ToArray();
        var pipeline = PipelineHarness.Compile(null, defs);
        var results = PipelineHarness.Score(pipeline, [output], texts.Select(t => PipelineHarness.Row((inputName, t))).ToArray());
        Assert.All(results, r => Assert.Equal(RowState.Ok, r.State));
        return results.Select(r => r.Vector(output)).ToList();
    }

    private static (long[] DocFreq, long NumDocs) SavedDocFreq(ZooCase zoo, string idfStage)
    {
        var row = Loader.DataReader.ReadRows(Files(zoo), $"stages/{idfStage}/data")[0];
        return (row.GetLongArray("docFreq"), row.GetLong("numDocs"));
    }

    private static long[] DocFreq(List<SparkVector> vectors, int size)
    {
        var df = new long[size];
        foreach (var v in vectors)
        {
            // Spark's DocumentFrequencyAggregator counts entries > 0.
            for (int k = 0; k < v.Values.Length; k++)
                if (v.Values[k] > 0.0)
                    df[v.IsDense ? k : v.Indices![k]]++;
        }
        return df;
    }

    private static List<string> ShowTableTitles(ZooCase zoo)
    {
        var verbatim = zoo.Json.GetProperty("evidence").EnumerateArray()
            .First(e => e.GetProperty("kind").GetString() == "notebook_show_table").GetProperty("verbatim").GetString()!;
        return verbatim.Split('\n').Where(l => l.StartsWith('|')).Skip(1)
            .Select(l => l.Trim().Trim('|').Split('|')[0].Trim()).ToList();
    }
}
