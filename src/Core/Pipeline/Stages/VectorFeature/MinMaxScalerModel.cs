using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.MinMaxScalerModel. Follows MinMaxScaler.scala: every element
/// (sparse input is densified; NaN stays NaN). 3.x: f = range != 0 ? (max − min) / range : 0;
/// f != 0 → (x − originalMin) · f + min, else (min + max) / 2; output <c>compressed</c>.
/// 2.x: ((x − originalMin) / range) · (max − min) + min, constant → 0.5 · (max − min) + min; dense.
/// </summary>
public sealed class MinMaxScalerModel(StageInfo info, string inputCol, string outputCol, double min, double max,
    SparkVector originalMin, SparkVector originalMax) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public double Min { get; } = min;

    public double Max { get; } = max;

    public SparkVector OriginalMin { get; } = originalMin;

    public SparkVector OriginalMax { get; } = originalMax;

    public override long EstimatedBytes => 64 + 16L * OriginalMin.Size;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("min", Min.ToString("R", CultureInfo.InvariantCulture)),
        new("max", Max.ToString("R", CultureInfo.InvariantCulture)),
        new("numFeatures", OriginalMin.Size.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var lo = OriginalMin.ToArray();
        var hi = OriginalMax.ToArray();
        var factor = new double[lo.Length];
        var range = new double[lo.Length];
        double scale = Max - Min;
        for (int i = 0; i < lo.Length; i++)
        {
            range[i] = hi[i] - lo[i];
            factor[i] = range[i] != 0 ? scale / range[i] : 0.0;
        }
        bool legacy = Info.Version.Major < 3;
        VectorMapStage.Compile(builder, InputCol, OutputCol, lo.Length, _ => VectorAttributes.OfSize(lo.Length),
            (input, output) => new MinMaxKernel(input.Name, input.Slot, output, lo, range, factor, Min, Max, legacy));
    }

    private sealed class MinMaxKernel(string name, int input, int output, double[] lo, double[] range, double[] factor,
        double min, double max, bool legacy) : VectorMapKernel(name, input, output, lo.Length)
    {
        protected override string? Map(in VectorView v, VectorColumn output, int row)
        {
            if (legacy)
            {
                var d = output.AppendDense(row, v.Size);
                v.CopyToDense(d);
                double scale = max - min;
                for (int i = 0; i < d.Length; i++)
                {
                    if (double.IsNaN(d[i]))
                        continue;
                    double raw = range[i] != 0 ? (d[i] - lo[i]) / range[i] : 0.5;
                    d[i] = raw * scale + min;
                }
                return null;
            }
            double constant = (min + max) / 2;
            // Densify into the output's own buffer, then let compressed choose the form in place.
            var w = output.BeginSparse(row, v.Size, v.Size);
            Span<double> values = w.Values;
            v.CopyToDense(values);
            for (int i = 0; i < values.Length; i++)
            {
                w.Indices[i] = i;
                if (double.IsNaN(values[i]))
                    continue;
                values[i] = factor[i] != 0 ? (values[i] - lo[i]) * factor[i] + min : constant;
            }
            output.CommitCompressed(row, v.Size);
            return null;
        }
    }
}
