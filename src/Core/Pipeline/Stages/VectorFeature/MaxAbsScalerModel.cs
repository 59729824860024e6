using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.MaxAbsScalerModel. 3.x (MaxAbsScaler.scala): s = maxAbs == 0 ? 1 : 1 / maxAbs,
/// x · s keeping dense/sparse. 2.x: Breeze division x / m with zeros of maxAbs replaced by 1
/// (the same form kept; differs from 3.x in the last bit).
/// </summary>
public sealed class MaxAbsScalerModel(StageInfo info, string inputCol, string outputCol, SparkVector maxAbs) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public SparkVector MaxAbs { get; } = maxAbs;

    public override long EstimatedBytes => 64 + 8L * MaxAbs.Size;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
        [new("inputCol", InputCol), new("outputCol", OutputCol), new("numFeatures", MaxAbs.Size.ToString(CultureInfo.InvariantCulture))];

    public override void Compile(PipelineBuilder builder)
    {
        var m = MaxAbs.ToArray();
        bool divide = Info.Version.Major < 3;
        var factor = new double[m.Length];
        for (int i = 0; i < m.Length; i++)
            factor[i] = divide ? (m[i] == 0 ? 1.0 : m[i]) : (m[i] == 0 ? 1.0 : 1.0 / m[i]);
        VectorMapStage.Compile(builder, InputCol, OutputCol, m.Length, _ => VectorAttributes.OfSize(m.Length),
            (input, output) => new MaxAbsKernel(input.Name, input.Slot, output, factor, divide));
    }

    private sealed class MaxAbsKernel(string name, int input, int output, double[] factor, bool divide)
        : VectorMapKernel(name, input, output, factor.Length)
    {
        protected override string? Map(in VectorView v, VectorColumn output, int row)
        {
            if (v.IsDense)
            {
                var y = output.AppendDense(row, v.Size);
                for (int i = 0; i < y.Length; i++)
                    y[i] = divide ? v.Values[i] / factor[i] : v.Values[i] * factor[i];
                return null;
            }
            var w = output.BeginSparse(row, v.Size, v.StoredCount);
            for (int k = 0; k < v.StoredCount; k++)
            {
                int i = v.Indices[k];
                w.Indices[k] = i;
                w.Values[k] = divide ? v.Values[k] / factor[i] : v.Values[k] * factor[i];
            }
            output.CommitSparse(row, v.StoredCount);
            return null;
        }
    }
}
