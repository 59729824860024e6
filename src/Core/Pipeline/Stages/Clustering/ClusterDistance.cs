namespace Ember.Pipeline;

/// <summary>
/// The distances Spark's clustering models use, in Spark's order of operations: L2 norms
/// (sequential Σ v² over stored values), MLUtils.fastSquaredDistance (precision 1e−6), the exact
/// Vectors.sqdist fallback and the cosine distance 1 − dot / ‖a‖ / ‖b‖. Dot products follow
/// mllib BLAS.dot (sparse entries in order; dense·dense with the saving version's flavor).
/// </summary>
internal static class ClusterDistance
{
    /// <summary>MLUtils.EPSILON: the machine epsilon 2^−52.</summary>
    private const double Epsilon = 2.220446049250313E-16;

    private const double Precision = 1e-6;

    public static double Norm(in VectorView v)
    {
        double sum = 0.0;
        foreach (var x in v.Values)
            sum += x * x;
        return Math.Sqrt(sum);
    }

    public static double Dot(in VectorView a, in VectorView b, BlasFlavor flavor)
    {
        if (a.IsDense && b.IsDense)
            return Blas.DotDense(a.Values, b.Values, flavor);
        if (a.IsSparse && b.IsSparse)
            return Blas.DotSparseSparse(a.Indices, a.Values, b.Indices, b.Values);
        return a.IsSparse ? Blas.DotSparseDense(a.Indices, a.Values, b.Values) : Blas.DotSparseDense(b.Indices, b.Values, a.Values);
    }

    /// <summary>MLUtils.fastSquaredDistance(v1, norm1, v2, norm2).</summary>
    public static double FastSquaredDistance(in VectorView v1, double norm1, in VectorView v2, double norm2, BlasFlavor flavor)
    {
        double sumSquaredNorm = norm1 * norm1 + norm2 * norm2;
        double normDiff = norm1 - norm2;
        double precisionBound1 = 2.0 * Epsilon * sumSquaredNorm / (normDiff * normDiff + Epsilon);
        if (precisionBound1 < Precision)
            return sumSquaredNorm - 2.0 * Dot(v1, v2, flavor);
        if (v1.IsSparse || v2.IsSparse)
        {
            double dot = Dot(v1, v2, flavor);
            double sqDist = Math.Max(sumSquaredNorm - 2.0 * dot, 0.0);
            double precisionBound2 = Epsilon * (sumSquaredNorm + 2.0 * Math.Abs(dot)) / (sqDist + Epsilon);
            return precisionBound2 > Precision ? SquaredDistance(v1, v2) : sqDist;
        }
        return SquaredDistance(v1, v2);
    }

    /// <summary>Vectors.sqdist: Σ (a_i − b_i)² over the indices either vector stores, in index order.</summary>
    public static double SquaredDistance(in VectorView a, in VectorView b)
    {
        double sum = 0.0;
        if (a.IsDense && b.IsDense)
        {
            var x = a.Values;
            var y = b.Values;
            for (int i = 0; i < x.Length; i++)
            {
                double d = x[i] - y[i];
                sum += d * d;
            }
            return sum;
        }
        if (a.IsSparse && b.IsSparse)
        {
            int i = 0, j = 0;
            var ai = a.Indices; var av = a.Values;
            var bi = b.Indices; var bv = b.Values;
            while (i < ai.Length || j < bi.Length)
            {
                double d;
                if (j >= bi.Length || (i < ai.Length && ai[i] < bi[j]))
                    d = av[i++];
                else if (i >= ai.Length || bi[j] < ai[i])
                    d = bv[j++];
                else
                    d = av[i++] - bv[j++];
                sum += d * d;
            }
            return sum;
        }
        // One sparse, one dense: every dense index in order, minus the sparse value where stored.
        var sparse = a.IsSparse ? a : b;
        var dense = a.IsSparse ? b.Values : a.Values;
        var si = sparse.Indices;
        var sv = sparse.Values;
        int k = 0;
        for (int i = 0; i < dense.Length; i++)
        {
            double d = dense[i];
            if (k < si.Length && si[k] == i)
                d = sv[k++] - d;
            sum += d * d;
        }
        return sum;
    }

    /// <summary>CosineDistanceMeasure.distance(v1, v2); NaN when a norm is zero (Spark's assertion fails).</summary>
    public static double Cosine(in VectorView v1, double norm1, in VectorView v2, double norm2, BlasFlavor flavor) =>
        norm1 > 0 && norm2 > 0 ? 1 - Dot(v1, v2, flavor) / norm1 / norm2 : double.NaN;
}
