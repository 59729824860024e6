using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.StandardScalerModel (and RobustScalerModel, 3.0+, which is the same
/// transform with shift = median and scale from the quantile range). Follows StandardScaler.scala
/// getTransformFunc: shift = mean, scale = std == 0 ? 0 : 1 / std; both → dense (x − shift) · scale;
/// shift only → dense x − shift; scale only → dense or sparse x · scale keeping the form; neither →
/// unchanged. Spark 2.x (mllib scaler) gives exactly 0.0 when centering with std == 0.
/// </summary>
public sealed class StandardScalerModel(StageInfo info, string inputCol, string outputCol, bool withShift, bool withScale,
    SparkVector shift, SparkVector deviation) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public bool WithShift { get; } = withShift;

    public bool WithScale { get; } = withScale;

    /// <summary>mean (StandardScaler) or median (RobustScaler).</summary>
    public SparkVector Shift { get; } = shift;

    /// <summary>std (StandardScaler) or range (RobustScaler).</summary>
    public SparkVector Deviation { get; } = deviation;

    public override long EstimatedBytes => 64 + 16L * Shift.Size;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new(Info.ShortClass == "RobustScalerModel" ? "withCentering" : "withMean", WithShift.ToString().ToLowerInvariant()),
        new(Info.ShortClass == "RobustScalerModel" ? "withScaling" : "withStd", WithScale.ToString().ToLowerInvariant()),
        new("numFeatures", Shift.Size.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var shift = Shift.ToArray();
        var scale = Deviation.ToArray();
        for (int i = 0; i < scale.Length; i++)
            scale[i] = scale[i] == 0 ? 0.0 : 1.0 / scale[i];
        bool zeroWhenConstant = Info.Version.Major < 3 && Info.ShortClass == "StandardScalerModel";
        int size = Math.Max(Shift.Size, Deviation.Size);
        VectorMapStage.Compile(builder, InputCol, OutputCol, size, _ => VectorAttributes.OfSize(size),
            (input, output) => new ScalerKernel(input.Name, input.Slot, output, size, WithShift, WithScale, shift, scale, zeroWhenConstant));
    }

    private sealed class ScalerKernel(string name, int input, int output, int size, bool withShift, bool withScale,
        double[] shift, double[] scale, bool zeroWhenConstant) : VectorMapKernel(name, input, output, size)
    {
        protected override string? Map(in VectorView v, VectorColumn output, int row)
        {
            if (withShift)
            {
                var y = output.AppendDense(row, v.Size);
                v.CopyToDense(y);
                for (int i = 0; i < y.Length; i++)
                {
                    if (!withScale)
                        y[i] -= shift[i];
                    else if (zeroWhenConstant && scale[i] == 0.0)
                        y[i] = 0.0;
                    else
                        y[i] = (y[i] - shift[i]) * scale[i];
                }
                return null;
            }
            if (!withScale)
            {
                output.Set(row, v);
                return null;
            }
            if (v.IsDense)
            {
                var y = output.AppendDense(row, v.Size);
                for (int i = 0; i < y.Length; i++)
                    y[i] = v.Values[i] * scale[i];
                return null;
            }
            var w = output.BeginSparse(row, v.Size, v.StoredCount);
            for (int k = 0; k < v.StoredCount; k++)
            {
                w.Indices[k] = v.Indices[k];
                w.Values[k] = v.Values[k] * scale[v.Indices[k]];
            }
            output.CommitSparse(row, v.StoredCount);
            return null;
        }
    }
}
