using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.CountVectorizerModel: counts in-vocabulary tokens per vocabulary
/// index. tokenCount counts every token (out-of-vocabulary and null too); the threshold is minTF
/// when minTF >= 1, else minTF * tokenCount; counts below it are dropped; binary turns kept counts
/// into 1.0. Output sparse of size len(vocabulary), indices ascending. A null array fails the row.
/// Follows Spark's CountVectorizer.scala (CountVectorizerModel.transform).
/// </summary>
public sealed class CountVectorizerModel : StageDefinition
{
    private readonly Dictionary<string, int> _index;

    public CountVectorizerModel(StageInfo info, string inputCol, string outputCol, IReadOnlyList<string> vocabulary, double minTF, bool binary)
        : base(info)
    {
        InputCol = inputCol;
        OutputCol = outputCol;
        Vocabulary = vocabulary;
        MinTF = minTF;
        Binary = binary;
        // Scala's zipWithIndex.toMap: a repeated term keeps its last index.
        _index = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Count; i++)
            _index[vocabulary[i]] = i;
    }

    public string InputCol { get; }

    public string OutputCol { get; }

    public IReadOnlyList<string> Vocabulary { get; }

    public double MinTF { get; }

    public bool Binary { get; }

    public override long EstimatedBytes => 256 + Vocabulary.Sum(w => 48L + 2 * w.Length);

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("vocabSize", Vocabulary.Count.ToString(CultureInfo.InvariantCulture)),
        new("minTF", MinTF.ToString("R", CultureInfo.InvariantCulture)),
        new("binary", Binary ? "true" : "false"),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (MinTF < 0 || double.IsNaN(MinTF))
            throw builder.Error(null, $"minTF = {MinTF}; Spark requires >= 0.");
        var input = builder.Read(InputCol, TypeSet.StringArray, SparkType.StringArray);
        var output = builder.AddColumn(OutputCol, SparkType.Vector, vector: VectorAttributes.OfSize(Vocabulary.Count));
        builder.AddKernel(new CountVectorizerKernel(input.Name, input.Slot, output.Slot, this), [input.Slot], [output.Slot]);
    }

    private sealed class CountVectorizerKernel(string inputName, int input, int output, CountVectorizerModel model) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var src = frame.Column<StringArrayColumn>(input);
            var dst = frame.Column<VectorColumn>(output);
            int size = model.Vocabulary.Count;
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (src.Values[r] is not { } tokens)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.NullValue, inputName, Stage,
                        "null token array; CountVectorizerModel cannot count null (Spark throws). Send an array ([] is fine).", "null"));
                    continue;
                }
                var w = dst.BeginSparse(r, size, tokens.Length);
                int found = 0;
                foreach (var t in tokens)
                    if (t is not null && model._index.TryGetValue(t, out int i))
                        w.Indices[found++] = i;
                int distinct = HashingTF.CountSorted(w.Indices[..found], w.Values, binary: false);
                double threshold = model.MinTF >= 1.0 ? model.MinTF : tokens.Length * model.MinTF;
                int kept = 0;
                for (int k = 0; k < distinct; k++)
                {
                    if (w.Values[k] < threshold)
                        continue;
                    w.Indices[kept] = w.Indices[k];
                    w.Values[kept++] = model.Binary ? 1.0 : w.Values[k];
                }
                dst.CommitSparse(r, kept);
            }
        }
    }
}
