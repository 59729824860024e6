using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.Word2VecModel: the average of a sentence's word vectors. The
/// float vectors of in-vocabulary words are widened and added in sentence order into a double
/// sum (BLAS.axpy with a = 1.0), then the sum is multiplied by 1.0 / n where n counts every word,
/// out-of-vocabulary and null ones included (BLAS.scal). An empty sentence gives a sparse zero
/// vector of vectorSize; a null sentence fails the row. Output dense otherwise.
/// Follows Spark's Word2Vec.scala (Word2VecModel.transform), the same from 2.0 to 4.x.
/// </summary>
public sealed class Word2VecModel : StageDefinition
{
    private readonly Dictionary<string, int> _rows;
    private readonly double[] _vectors;

    /// <param name="words">Vocabulary, one entry per vector.</param>
    /// <param name="vectors">words.Count * vectorSize floats, word i at [i * vectorSize, (i + 1) * vectorSize).</param>
    public Word2VecModel(StageInfo info, string inputCol, string outputCol, int vectorSize, IReadOnlyList<string> words, float[] vectors)
        : base(info)
    {
        if (vectorSize <= 0 || vectors.Length != (long)words.Count * vectorSize)
            throw new ArgumentException($"{words.Count} words with {vectors.Length} values do not make vectors of size {vectorSize}.");
        InputCol = inputCol;
        OutputCol = outputCol;
        VectorSize = vectorSize;
        Words = words;
        _vectors = Array.ConvertAll(vectors, f => (double)f);
        // Scala's toMap: a repeated word keeps its last vector.
        _rows = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        for (int i = 0; i < words.Count; i++)
            _rows[words[i]] = i;
    }

    public string InputCol { get; }

    public string OutputCol { get; }

    public int VectorSize { get; }

    public IReadOnlyList<string> Words { get; }

    public override long EstimatedBytes => 256 + _vectors.Length * 8L + Words.Sum(w => 48L + 2 * w.Length);

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("vectorSize", VectorSize.ToString(CultureInfo.InvariantCulture)),
        new("vocabulary", Words.Count.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var input = builder.Read(InputCol, TypeSet.StringArray, SparkType.StringArray);
        var output = builder.AddColumn(OutputCol, SparkType.Vector, vector: VectorAttributes.OfSize(VectorSize));
        builder.AddKernel(new Word2VecKernel(input.Name, input.Slot, output.Slot, this), [input.Slot], [output.Slot]);
    }

    private sealed class Word2VecKernel(string inputName, int input, int output, Word2VecModel model) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var src = frame.Column<StringArrayColumn>(input);
            var dst = frame.Column<VectorColumn>(output);
            int d = model.VectorSize;
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (src.Values[r] is not { } sentence)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.NullValue, inputName, Stage,
                        "null word array; Word2VecModel cannot average null (Spark throws). Send an array ([] gives a zero vector).", "null"));
                    continue;
                }
                if (sentence.Length == 0)
                {
                    dst.BeginSparse(r, d, 0);
                    dst.CommitSparse(r, 0);
                    continue;
                }
                var sum = dst.AppendDense(r, d);
                sum.Clear();
                foreach (var word in sentence)
                {
                    if (word is null || !model._rows.TryGetValue(word, out int row))
                        continue;
                    var v = model._vectors.AsSpan(row * d, d);
                    for (int i = 0; i < d; i++)
                        sum[i] += v[i];
                }
                double scale = 1.0 / sentence.Length;
                for (int i = 0; i < d; i++)
                    sum[i] *= scale;
            }
        }
    }
}
