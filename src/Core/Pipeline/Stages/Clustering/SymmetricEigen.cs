namespace Ember.Pipeline;

/// <summary>
/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: A = U·diag(d)·Uᵀ.
/// Jacobi is slower than LAPACK's dsyevr (which Spark reaches through Breeze's eigSym) but
/// unconditionally stable and accurate to a few ULPs of ‖A‖ for every eigenpair; results are
/// not bit-identical to LAPACK's, whose rounding depends on the native library.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>Decomposes <paramref name="a"/> (n×n, row-major, symmetric). Returns the eigenvalues; <paramref name="vectors"/> gets U (row-major, eigenvectors in columns).</summary>
    public static double[] Decompose(ReadOnlySpan<double> a, int n, out double[] vectors)
    {
        var m = a[..(n * n)].ToArray();
        var u = new double[n * n];
        for (int i = 0; i < n; i++)
            u[i * n + i] = 1.0;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0.0;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++)
                    off += m[p * n + q] * m[p * n + q];
            if (off == 0.0 || !double.IsFinite(off))
                break;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = m[p * n + q];
                    if (apq == 0.0)
                        continue;
                    double app = m[p * n + p], aqq = m[q * n + q];
                    // Rotation angle from the stable formula (Golub & Van Loan, §8.5): t = tan θ, the smaller root.
                    double theta = (aqq - app) / (2.0 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1.0));
                    if (theta == 0.0)
                        t = 1.0;
                    double c = 1.0 / Math.Sqrt(t * t + 1.0), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double mkp = m[k * n + p], mkq = m[k * n + q];
                        m[k * n + p] = c * mkp - s * mkq;
                        m[k * n + q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double mpk = m[p * n + k], mqk = m[q * n + k];
                        m[p * n + k] = c * mpk - s * mqk;
                        m[q * n + k] = s * mpk + c * mqk;
                    }
                    m[p * n + q] = m[q * n + p] = 0.0;
                    for (int k = 0; k < n; k++)
                    {
                        double ukp = u[k * n + p], ukq = u[k * n + q];
                        u[k * n + p] = c * ukp - s * ukq;
                        u[k * n + q] = s * ukp + c * ukq;
                    }
                }
            }
        }
        var d = new double[n];
        for (int i = 0; i < n; i++)
            d[i] = m[i * n + i];
        vectors = u;
        return d;
    }
}
