namespace Ember.Pipeline;

/// <summary>
/// y = A·x (+ y) in the order of operations of Spark's ml.linalg.BLAS.gemv with alpha = 1 and
/// beta = 1 (accumulate) or 0, for the four saved matrix layouts and dense or sparse x (reference
/// §9.2). Spark's own loops handle every case except dense A with dense x, which goes to dgemv:
/// netlib F2J up to 3.1 (BlasFlavor.F2j), dev.ludovic.netlib's Java kernel from 3.2 (Java8BLAS
/// dgemv, which Java11BLAS does not override: no FMA). Follows mllib-local BLAS.scala (gemv).
/// </summary>
public static class SparkGemv
{
    public static void Apply(SparkMatrix a, in VectorView x, Span<double> y, bool accumulate, BlasFlavor flavor)
    {
        if (!accumulate)
            y.Clear();
        if (a.IsSparse)
        {
            if (a.IsTransposed)
                Csr(a, x, y);
            else
                Csc(a, x, y);
        }
        else if (x.IsSparse)
        {
            DenseSparseX(a, x, y);
        }
        else if (a.IsTransposed)
        {
            DenseT(a.Values, a.NumCols, a.NumRows, x.Values, y);
        }
        else if (flavor == BlasFlavor.F2j)
        {
            DenseNF2j(a.Values, a.NumRows, a.NumCols, x.Values, y);
        }
        else
        {
            DenseNJava(a.Values, a.NumRows, a.NumCols, x.Values, y);
        }
    }

    /// <summary>Spark's loop for a dense matrix and a sparse x: per row, a sequential sum over x's entries, then sum + y.</summary>
    private static void DenseSparseX(SparkMatrix a, in VectorView x, Span<double> y)
    {
        var values = a.Values;
        var xi = x.Indices;
        var xv = x.Values;
        int rows = a.NumRows, cols = a.NumCols;
        for (int r = 0; r < rows; r++)
        {
            double sum = 0.0;
            if (a.IsTransposed)
            {
                for (int k = 0; k < xi.Length; k++)
                    sum += xv[k] * values[xi[k] + r * cols];
            }
            else
            {
                for (int k = 0; k < xi.Length; k++)
                    sum += xv[k] * values[xi[k] * rows + r];
            }
            y[r] = sum + y[r];
        }
    }

    /// <summary>dgemv "T" (row-major storage): per output a sequential sum, then y + sum. F2J and Java8BLAS agree.</summary>
    private static void DenseT(double[] a, int m, int n, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int col = 0; col < n; col++)
        {
            double sum = 0.0;
            int offset = col * m;
            for (int row = 0; row < m; row++)
                sum += a[offset + row] * x[row];
            y[col] = y[col] + sum;
        }
    }

    /// <summary>Reference dgemv "N": column by column, skipping x_j == 0 (the F2J translation keeps that test).</summary>
    private static void DenseNF2j(double[] a, int m, int n, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int col = 0; col < n; col++)
        {
            double temp = x[col];
            if (temp == 0.0)
                continue;
            int offset = col * m;
            for (int row = 0; row < m; row++)
                y[row] += temp * a[offset + row];
        }
    }

    /// <summary>Java8BLAS dgemvN: four columns at a time as one left-to-right expression added to y, then the rest singly.</summary>
    private static void DenseNJava(double[] a, int m, int n, ReadOnlySpan<double> x, Span<double> y)
    {
        int col = 0;
        for (; col < n - n % 4; col += 4)
        {
            double x0 = x[col], x1 = x[col + 1], x2 = x[col + 2], x3 = x[col + 3];
            int o0 = col * m, o1 = o0 + m, o2 = o1 + m, o3 = o2 + m;
            for (int row = 0; row < m; row++)
                y[row] += x0 * a[o0 + row] + x1 * a[o1 + row] + x2 * a[o2 + row] + x3 * a[o3 + row];
        }
        for (; col < n; col++)
        {
            double xc = x[col];
            int offset = col * m;
            for (int row = 0; row < m; row++)
                y[row] += xc * a[offset + row];
        }
    }

    /// <summary>CSR: per row a sequential sum over the row's entries (merged with x's entries when x is sparse), then y + sum.</summary>
    private static void Csr(SparkMatrix a, in VectorView x, Span<double> y)
    {
        var ptr = a.ColPtrs!;
        var idx = a.RowIndices!;
        var values = a.Values;
        var xv = x.Values;
        for (int r = 0; r < a.NumRows; r++)
        {
            double sum = 0.0;
            int i = ptr[r], end = ptr[r + 1];
            if (x.IsDense)
            {
                for (; i < end; i++)
                    sum += values[i] * xv[idx[i]];
            }
            else
            {
                var xi = x.Indices;
                int k = 0;
                while (i < end && k < xi.Length)
                {
                    if (xi[k] == idx[i])
                    {
                        sum += values[i] * xv[k];
                        k++;
                        i++;
                    }
                    else if (xi[k] < idx[i])
                    {
                        k++;
                    }
                    else
                    {
                        i++;
                    }
                }
            }
            y[r] = y[r] + sum;
        }
    }

    /// <summary>CSC: columns in order, y[row] += A_val * x_col (columns x does not store are skipped when x is sparse).</summary>
    private static void Csc(SparkMatrix a, in VectorView x, Span<double> y)
    {
        var ptr = a.ColPtrs!;
        var rowIdx = a.RowIndices!;
        var values = a.Values;
        var xv = x.Values;
        if (x.IsDense)
        {
            for (int col = 0; col < a.NumCols; col++)
            {
                double xc = xv[col];
                for (int i = ptr[col]; i < ptr[col + 1]; i++)
                    y[rowIdx[i]] += values[i] * xc;
            }
            return;
        }
        var xi = x.Indices;
        for (int k = 0; k < xi.Length; k++)
        {
            int col = xi[k];
            double xc = xv[k];
            for (int i = ptr[col]; i < ptr[col + 1]; i++)
                y[rowIdx[i]] += values[i] * xc;
        }
    }
}
