namespace Ember.Pipeline;

/// <summary>
/// The dot products Spark's ml.linalg.BLAS computes, in Spark's order of operations, so results
/// match to the bit (reference §9.1).
/// </summary>
public static class Blas
{
    /// <summary>x · y for any representation of x and a dense y (Spark: sparse·dense is one sequential loop).</summary>
    public static double Dot(in VectorView x, ReadOnlySpan<double> y, BlasFlavor flavor) =>
        x.IsDense ? DotDense(x.Values, y, flavor) : DotSparseDense(x.Indices, x.Values, y);

    /// <summary>Sparse · dense: s += v * y[idx] over the stored entries in order (all Spark versions).</summary>
    public static double DotSparseDense(ReadOnlySpan<int> indices, ReadOnlySpan<double> values, ReadOnlySpan<double> dense)
    {
        double s = 0.0;
        for (int k = 0; k < indices.Length; k++)
            s += values[k] * dense[indices[k]];
        return s;
    }

    /// <summary>Sparse · sparse: products of matching indices, in x's order.</summary>
    public static double DotSparseSparse(ReadOnlySpan<int> xi, ReadOnlySpan<double> xv, ReadOnlySpan<int> yi, ReadOnlySpan<double> yv)
    {
        double s = 0.0;
        int k = 0, l = 0;
        while (k < xi.Length && l < yi.Length)
        {
            if (xi[k] == yi[l])
            {
                s += xv[k] * yv[l];
                k++;
                l++;
            }
            else if (xi[k] < yi[l])
            {
                k++;
            }
            else
            {
                l++;
            }
        }
        return s;
    }

    /// <summary>Dense · dense with the flavor's summation order.</summary>
    public static double DotDense(ReadOnlySpan<double> x, ReadOnlySpan<double> y, BlasFlavor flavor)
    {
        int n = x.Length;
        if (flavor == BlasFlavor.F2j)
        {
            // netlib F2J ddot unrolls by 5 but adds left to right: the same as one sequential sum.
            double s = 0.0;
            for (int i = 0; i < n; i++)
                s += x[i] * y[i];
            return s;
        }
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        int q = n - n % 4, j = 0;
        if (flavor == BlasFlavor.VectorApi)
        {
            // VectorBLAS.ddotK: vsum = vx.fma(vy, vsum) per 4-lane block, reduceLanes(ADD), plain tail.
            for (; j < q; j += 4)
            {
                s0 = Math.FusedMultiplyAdd(x[j], y[j], s0);
                s1 = Math.FusedMultiplyAdd(x[j + 1], y[j + 1], s1);
                s2 = Math.FusedMultiplyAdd(x[j + 2], y[j + 2], s2);
                s3 = Math.FusedMultiplyAdd(x[j + 3], y[j + 3], s3);
            }
            double lanes = ((s0 + s1) + s2) + s3;
            for (; j < n; j++)
                lanes += x[j] * y[j];
            return lanes;
        }
        if (flavor == BlasFlavor.Java8)
        {
            for (; j < q; j += 4)
            {
                s0 += x[j] * y[j];
                s1 += x[j + 1] * y[j + 1];
                s2 += x[j + 2] * y[j + 2];
                s3 += x[j + 3] * y[j + 3];
            }
            double total = 0.0 + (((s0 + s1) + s2) + s3);
            for (; j < n; j++)
                total += x[j] * y[j];
            return total;
        }
        for (; j < q; j += 4)
        {
            s0 = Math.FusedMultiplyAdd(x[j], y[j], s0);
            s1 = Math.FusedMultiplyAdd(x[j + 1], y[j + 1], s1);
            s2 = Math.FusedMultiplyAdd(x[j + 2], y[j + 2], s2);
            s3 = Math.FusedMultiplyAdd(x[j + 3], y[j + 3], s3);
        }
        double sum = 0.0 + (((s0 + s1) + s2) + s3);
        for (; j < n; j++)
            sum = Math.FusedMultiplyAdd(x[j], y[j], sum);
        return sum;
    }
}
