namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.DCT: dense output of the same length, the orthonormal DCT-II of
/// the input (inverse = true: the orthonormal DCT-III, its inverse):
/// X_k = s_k·Σ_n x_n·cos(π(2n+1)k / 2N), s_0 = √(1/N), s_k = √(2/N).
/// Spark calls JTransforms DoubleDCT_1D(N).forward/inverse(x, scale = true), an FFT-based
/// algorithm whose rounding Ember does not reproduce: outputs agree to a few ULPs (relative
/// ~1e-15 of the largest term), not bit for bit. The direct sum here uses compensated
/// (Neumaier) accumulation over precomputed cosines so it is itself accurate to about an ULP.
/// Follows DCT.scala. A null input makes Spark's UDF throw.
/// </summary>
public sealed class DCT(StageInfo info, string inputCol, string outputCol, bool inverse) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public bool Inverse { get; } = inverse;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
        [new("inputCol", InputCol), new("outputCol", OutputCol), new("inverse", Inverse ? "true" : "false")];

    public override void Compile(PipelineBuilder builder)
    {
        var input = builder.Read(InputCol, TypeSet.Vector, SparkType.Vector);
        var output = builder.AddColumn(OutputCol, SparkType.Vector, null, input.Vector is { HasSize: true } v ? VectorAttributes.OfSize(v.Size) : null);
        builder.AddKernel(new Kernel(input, output.Slot, Inverse), [input.Slot], [output.Slot]);
    }

    /// <summary>The transform of one vector (also used by tests as the reference formula).</summary>
    public static void Transform(ReadOnlySpan<double> x, Span<double> y, bool inverse)
    {
        int n = x.Length;
        if (n == 0)
            return;
        double s0 = Math.Sqrt(1.0 / n), s = Math.Sqrt(2.0 / n);
        for (int k = 0; k < n; k++)
        {
            double sum = 0.0, c = 0.0;
            for (int j = 0; j < n; j++)
            {
                // DCT-II: x_j·s_k·cos(π(2j+1)k/2N); DCT-III: x_j·s_j·cos(π(2k+1)j/2N).
                long m = inverse ? (2L * k + 1) * j : (2L * j + 1) * k;
                double term = x[j] * Cos(m, n) * (inverse ? (j == 0 ? s0 : s) : 1.0);
                double t = sum + term;
                c += Math.Abs(sum) >= Math.Abs(term) ? (sum - t) + term : (term - t) + sum;
                sum = t;
            }
            y[k] = (sum + c) * (inverse ? 1.0 : (k == 0 ? s0 : s));
        }
    }

    /// <summary>cos(π·m / 2N) with m reduced modulo 4N first, so large indexes keep their precision.</summary>
    private static double Cos(long m, int n)
    {
        long period = 4L * n;
        m %= period;
        return Math.Cos(Math.PI * m / (2.0 * n));
    }

    private sealed class Kernel(ColumnInfo input, int output, bool inverse) : Pipeline.Kernel
    {
        public override void Execute(Frame frame)
        {
            var x = frame.Column<VectorColumn>(input.Slot);
            var y = frame.Column<VectorColumn>(output);
            double[]? buffer = null;
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (x.IsNull(r))
                {
                    frame.Fail(r, new ScoreError(ErrorCode.NullValue, input.Name, Stage, "input vector is null."));
                    continue;
                }
                var v = x.Get(r);
                if (buffer is null || buffer.Length < v.Size)
                    buffer = new double[v.Size]; // grows once per batch at most per size
                var dense = buffer.AsSpan(0, v.Size);
                v.CopyToDense(dense);
                Transform(dense, y.AppendDense(r, v.Size), inverse);
            }
        }
    }
}
