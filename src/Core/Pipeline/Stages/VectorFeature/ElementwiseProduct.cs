namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.ElementwiseProduct (params only; the vector param scalingVec):
/// x[i] · s[i], dense stays dense, sparse stays sparse (stored entries only).
/// </summary>
public sealed class ElementwiseProduct(StageInfo info, string inputCol, string outputCol, SparkVector scalingVec) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public SparkVector ScalingVec { get; } = scalingVec;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
        [new("inputCol", InputCol), new("outputCol", OutputCol), new("scalingVec", ScalingVec.ToString())];

    public override void Compile(PipelineBuilder builder)
    {
        var s = ScalingVec.ToArray();
        VectorMapStage.Compile(builder, InputCol, OutputCol, s.Length, _ => VectorAttributes.OfSize(s.Length),
            (input, output) => new ProductKernel(input.Name, input.Slot, output, s));
    }

    private sealed class ProductKernel(string name, int input, int output, double[] s) : VectorMapKernel(name, input, output, s.Length)
    {
        protected override string? Map(in VectorView v, VectorColumn output, int row)
        {
            if (v.IsDense)
            {
                var y = output.AppendDense(row, v.Size);
                for (int i = 0; i < y.Length; i++)
                    y[i] = v.Values[i] * s[i];
                return null;
            }
            var w = output.BeginSparse(row, v.Size, v.StoredCount);
            for (int k = 0; k < v.StoredCount; k++)
            {
                w.Indices[k] = v.Indices[k];
                w.Values[k] = v.Values[k] * s[v.Indices[k]];
            }
            output.CommitSparse(row, v.StoredCount);
            return null;
        }
    }
}
