namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.IDFModel: multiplies each element by its idf weight (minDocFreq
/// is already in the weights: 0 below it). Sparse stays sparse with the same indices (explicit
/// zeros kept), dense stays dense. An element beyond the idf vector fails the row (Spark's index
/// out of bounds); a null vector fails the row. Follows Spark's IDF.scala and mllib IDFModel.transform.
/// </summary>
public sealed class IDFModel(StageInfo info, string inputCol, string outputCol, double[] idf) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public IReadOnlyList<double> Idf => idf;

    public override long EstimatedBytes => 128 + idf.Length * 8L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
        [new("inputCol", InputCol), new("outputCol", OutputCol), new("numFeatures", idf.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public override void Compile(PipelineBuilder builder)
    {
        var input = builder.Read(InputCol, TypeSet.Vector, SparkType.Vector, idf.Length);
        var output = builder.AddColumn(OutputCol, SparkType.Vector, vector: VectorAttributes.OfSize(input.VectorSize >= 0 ? input.VectorSize : idf.Length));
        builder.AddKernel(new IDFKernel(input.Name, input.Slot, output.Slot, idf), [input.Slot], [output.Slot]);
    }

    private sealed class IDFKernel(string inputName, int input, int output, double[] idf) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var src = frame.Column<VectorColumn>(input);
            var dst = frame.Column<VectorColumn>(output);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (src.IsNull(r))
                {
                    frame.Fail(r, new ScoreError(ErrorCode.NullValue, inputName, Stage, "null vector; IDFModel cannot weight null (Spark throws).", "null"));
                    continue;
                }
                var v = src.Get(r);
                int last = v.StoredCount == 0 ? -1 : v.IndexAt(v.StoredCount - 1);
                if (last >= idf.Length)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.VectorSizeMismatch, inputName, Stage,
                        $"vector has an element at index {last} but the IDF model has {idf.Length} weights (Spark fails with an index out of bounds).", $"size {v.Size}"));
                    continue;
                }
                if (v.IsDense)
                {
                    var d = dst.AppendDense(r, v.Size);
                    for (int j = 0; j < d.Length; j++)
                        d[j] = v.Values[j] * idf[j];
                    continue;
                }
                var w = dst.BeginSparse(r, v.Size, v.StoredCount);
                for (int k = 0; k < v.StoredCount; k++)
                {
                    w.Indices[k] = v.Indices[k];
                    w.Values[k] = v.Values[k] * idf[v.Indices[k]];
                }
                dst.CommitSparse(r, v.StoredCount);
            }
        }
    }
}
