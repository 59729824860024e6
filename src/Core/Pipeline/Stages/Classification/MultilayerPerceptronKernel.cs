using System.Buffers;

namespace Ember.Pipeline;

/// <summary>
/// The MLP forward pass for one row. Each affine layer is Spark's BreezeUtil.dgemm("N", "N",
/// nOut, 1, nIn, 1.0, W, x, 1.0, C = bias):
/// <list type="bullet">
/// <item>Spark ≤ 3.1 (netlib F2J reference dgemm): C[o] += x_i·W[o,i] column by column, skipping
/// x_i == 0, starting from the bias.</item>
/// <item>Spark ≥ 3.2 (dev.ludovic.netlib Java8BLAS / Java11BLAS, the flavor says which):
/// nOut·nIn &lt; 10⁶ → dgemmNN: per output a sequential sum from 0.0 over i (a·b + sum, or
/// fma(a, b, sum) in Java11), then alpha·sum + bias; larger layers → the blocked path: chunks of
/// Ki = ⌈min(500, nIn)/4⌉·4 inputs, each chunk's sum added to C in order.</item>
/// </list>
/// Hidden layers apply 1/(1+exp(−z)); the last affine output is the raw prediction; the softmax
/// layer shifts by the max (from Double.MinValue) and divides by the sum. predict(features)
/// (both other columns disabled) is argmax of the softmax, ignoring thresholds, as Spark's.
/// </summary>
internal sealed class MultilayerPerceptronKernel(ClassifierSlots slots, double[]? thresholds, int[] layers, double[] weights, BlasFlavor flavor)
    : ClassifierKernel(slots, thresholds)
{
    private const int StackLimit = 1024;

    private readonly int _maxWidth = layers.Max();

    protected override void PredictRaw(in VectorView features, Span<double> raw)
    {
        int need = 2 * _maxWidth;
        double[]? rented = need > StackLimit ? ArrayPool<double>.Shared.Rent(need) : null;
        Span<double> buffer = rented is null ? stackalloc double[need] : rented.AsSpan(0, need);
        try
        {
            Forward(features, buffer[.._maxWidth], buffer[_maxWidth..], raw);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<double>.Shared.Return(rented);
        }
    }

    private void Forward(in VectorView features, Span<double> a, Span<double> z, Span<double> raw)
    {
        // Spark densifies the features into a one-column matrix.
        var input = a[..layers[0]];
        features.CopyToDense(input);
        int offset = 0;
        for (int l = 0; l + 1 < layers.Length; l++)
        {
            int nIn = layers[l], nOut = layers[l + 1];
            bool last = l + 2 == layers.Length;
            var output = last ? raw : z[..nOut];
            Affine(weights.AsSpan(offset, nIn * nOut), weights.AsSpan(offset + nIn * nOut, nOut), a[..nIn], output);
            offset += nIn * nOut + nOut;
            if (last)
                break;
            for (int o = 0; o < nOut; o++)
                a[o] = SparkSoftmax.Sigmoid(output[o]);
        }
    }

    private void Affine(ReadOnlySpan<double> w, ReadOnlySpan<double> bias, ReadOnlySpan<double> x, Span<double> c)
    {
        int nOut = bias.Length, nIn = x.Length;
        if (flavor == BlasFlavor.F2j)
        {
            bias.CopyTo(c);
            for (int i = 0; i < nIn; i++)
            {
                double temp = x[i];
                if (temp == 0.0)
                    continue;
                int col = i * nOut;
                for (int o = 0; o < nOut; o++)
                    c[o] += temp * w[col + o];
            }
            return;
        }
        // dgemmK picks the copying (blocked) kernel from m·n·k = nOut·1·nIn ≥ 100³.
        int chunk = (long)nOut * nIn < 1_000_000 ? nIn : (int)Math.Ceiling(Math.Min(500, nIn) / 4.0) * 4;
        bias.CopyTo(c);
        for (int start = 0; start < nIn; start += chunk)
        {
            int end = Math.Min(start + chunk, nIn);
            for (int o = 0; o < nOut; o++)
            {
                double sum = 0.0;
                if (flavor == BlasFlavor.Java11)
                {
                    for (int i = start; i < end; i++)
                        sum = Math.FusedMultiplyAdd(w[o + i * nOut], x[i], sum);
                }
                else
                {
                    for (int i = start; i < end; i++)
                        sum = w[o + i * nOut] * x[i] + sum;
                }
                c[o] = sum + c[o];
            }
        }
    }

    protected override string? RawToProbabilityInPlace(Span<double> values)
    {
        SparkSoftmax.ShiftByMax(values);
        return null;
    }

    protected override double PredictFromFeatures(in VectorView features, Span<double> raw, Span<double> scratch)
    {
        PredictRaw(features, raw);
        SparkSoftmax.ShiftByMax(raw);
        return ClassifierOutputs.Argmax(raw);
    }
}
