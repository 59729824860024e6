namespace Ember.Pipeline;

/// <summary>
/// An immutable Spark ML matrix as saved (MatrixUDT): dense column-major, dense row-major
/// (isTransposed), CSC sparse, or CSR sparse (isTransposed). Kernels normally copy what they need
/// into flat arrays at compile time with <see cref="ToRowMajor"/>.
/// </summary>
public sealed class SparkMatrix
{
    public SparkMatrix(int numRows, int numCols, double[] values, bool isTransposed, int[]? colPtrs = null, int[]? rowIndices = null)
    {
        if (numRows < 0 || numCols < 0)
            throw new ArgumentException($"Matrix dimensions {numRows}x{numCols} are negative.");
        bool sparse = colPtrs is not null;
        if (!sparse && (long)numRows * numCols != values.Length)
            throw new ArgumentException($"Dense {numRows}x{numCols} matrix has {values.Length} values.");
        if (sparse)
        {
            int outer = isTransposed ? numRows : numCols;
            if (colPtrs!.Length != outer + 1 || rowIndices is null || rowIndices.Length != values.Length
                || colPtrs[0] != 0 || colPtrs[outer] != values.Length)
                throw new ArgumentException($"Sparse {numRows}x{numCols} matrix has inconsistent pointers.");
            for (int i = 0; i < outer; i++)
                if (colPtrs[i + 1] < colPtrs[i])
                    throw new ArgumentException("Sparse matrix pointers decrease.");
            int inner = isTransposed ? numCols : numRows;
            foreach (var r in rowIndices)
                if (r < 0 || r >= inner)
                    throw new ArgumentException($"Sparse matrix index {r} is outside [0, {inner}).");
        }
        NumRows = numRows;
        NumCols = numCols;
        Values = values;
        IsTransposed = isTransposed;
        ColPtrs = colPtrs;
        RowIndices = rowIndices;
    }

    public int NumRows { get; }

    public int NumCols { get; }

    public double[] Values { get; }

    public bool IsTransposed { get; }

    /// <summary>Column pointers (CSC) or row pointers (CSR, when transposed); null when dense.</summary>
    public int[]? ColPtrs { get; }

    /// <summary>Row indices (CSC) or column indices (CSR); null when dense.</summary>
    public int[]? RowIndices { get; }

    public bool IsSparse => ColPtrs is not null;

    public double this[int i, int j]
    {
        get
        {
            if (!IsSparse)
                return IsTransposed ? Values[j + i * NumCols] : Values[i + j * NumRows];
            int outer = IsTransposed ? i : j, inner = IsTransposed ? j : i;
            for (int k = ColPtrs![outer]; k < ColPtrs[outer + 1]; k++)
                if (RowIndices![k] == inner)
                    return Values[k];
            return 0.0;
        }
    }

    /// <summary>All elements, row-major: a[i * NumCols + j].</summary>
    public double[] ToRowMajor()
    {
        var a = new double[NumRows * NumCols];
        for (int i = 0; i < NumRows; i++)
            for (int j = 0; j < NumCols; j++)
                a[i * NumCols + j] = this[i, j];
        return a;
    }

    /// <summary>Row <paramref name="i"/> as a vector: sparse for a CSR matrix, dense otherwise (as Spark's rowIter).</summary>
    public SparkVector Row(int i)
    {
        if (IsSparse && IsTransposed)
        {
            int from = ColPtrs![i], to = ColPtrs[i + 1];
            return SparkVector.Sparse(NumCols, RowIndices![from..to], Values[from..to]);
        }
        var row = new double[NumCols];
        for (int j = 0; j < NumCols; j++)
            row[j] = this[i, j];
        return SparkVector.Dense(row);
    }
}
