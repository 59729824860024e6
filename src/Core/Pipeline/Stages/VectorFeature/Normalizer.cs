using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.Normalizer (params only; mllib Normalizer + Vectors.norm): the
/// p-norm of the stored values (p = 1: Σ|v|, 2: sqrt(Σ v²), ∞: max|v|, else (Σ|v|^p)^(1/p));
/// when it is not 0 every stored value is divided by it, keeping the form; else the input is returned.
/// </summary>
public sealed class Normalizer(StageInfo info, string inputCol, string outputCol, double p) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public double P { get; } = p;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
        [new("inputCol", InputCol), new("outputCol", OutputCol), new("p", P.ToString("R", CultureInfo.InvariantCulture))];

    public override void Compile(PipelineBuilder builder)
    {
        if (!(P >= 1.0))
            throw builder.Error(null, $"p = {P} is below 1; Spark's Normalizer requires p >= 1.");
        VectorMapStage.Compile(builder, InputCol, OutputCol, -1, input => VectorAttributes.OfSize(input.VectorSize),
            (input, output) => new NormalizerKernel(input.Name, input.Slot, output, P));
    }

    internal static double Norm(ReadOnlySpan<double> values, double p)
    {
        double sum = 0.0;
        if (p == 1)
        {
            foreach (var v in values)
                sum += Math.Abs(v);
            return sum;
        }
        if (p == 2)
        {
            foreach (var v in values)
                sum += v * v;
            return Math.Sqrt(sum);
        }
        if (double.IsPositiveInfinity(p))
        {
            foreach (var v in values)
            {
                double a = Math.Abs(v);
                if (a > sum)
                    sum = a;
            }
            return sum;
        }
        foreach (var v in values)
            sum += Math.Pow(Math.Abs(v), p);
        return Math.Pow(sum, 1.0 / p);
    }

    private sealed class NormalizerKernel(string name, int input, int output, double p) : VectorMapKernel(name, input, output, -1)
    {
        protected override string? Map(in VectorView v, VectorColumn output, int row)
        {
            double norm = Norm(v.Values, p);
            if (norm == 0.0)
            {
                output.Set(row, v);
                return null;
            }
            if (v.IsDense)
            {
                var y = output.AppendDense(row, v.Size);
                for (int i = 0; i < y.Length; i++)
                    y[i] = v.Values[i] / norm;
                return null;
            }
            var w = output.BeginSparse(row, v.Size, v.StoredCount);
            for (int k = 0; k < v.StoredCount; k++)
            {
                w.Indices[k] = v.Indices[k];
                w.Values[k] = v.Values[k] / norm;
            }
            output.CommitSparse(row, v.StoredCount);
            return null;
        }
    }
}
