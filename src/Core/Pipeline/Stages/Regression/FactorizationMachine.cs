namespace Ember.Pipeline;

/// <summary>
/// The learned data of FMClassificationModel / FMRegressionModel (3.0+) and their shared margin,
/// following FMRegressor.scala (FactorizationMachines.getRawPrediction):
/// m = intercept + x·linear; then for f = 0..k−1 over the non-zero entries (j, v) of x:
/// vx = factors(j, f)·v, sumSquare += vx², sum += vx, and m += 0.5·(sum·sum − sumSquare).
/// </summary>
/// <param name="Intercept">Bias (0.0 when fitIntercept was false).</param>
/// <param name="Linear">Linear weights (size F; an empty sparse vector when fitLinear was false).</param>
/// <param name="Factors">F × k factor matrix.</param>
public sealed record FactorizationMachine(double Intercept, SparkVector Linear, SparkMatrix Factors)
{
    public int NumFeatures => Factors.NumRows;

    public int FactorSize => Factors.NumCols;

    /// <summary>Row-major F × k copy for the per-row loop.</summary>
    internal double[] RowMajorFactors { get; } = Factors.ToRowMajor();

    public double Margin(in VectorView x, BlasFlavor flavor)
    {
        double dot = Linear.Indices is null ? Blas.Dot(x, Linear.Values, flavor)
            : x.IsDense ? Blas.DotSparseDense(Linear.Indices, Linear.Values, x.Values)
            : Blas.DotSparseSparse(x.Indices, x.Values, Linear.Indices, Linear.Values);
        double m = Intercept + dot;
        int k = FactorSize;
        var factors = RowMajorFactors;
        var values = x.Values;
        for (int f = 0; f < k; f++)
        {
            double sumSquare = 0.0, sum = 0.0;
            for (int e = 0; e < values.Length; e++)
            {
                double v = values[e];
                if (v == 0.0)
                    continue; // foreachNonZero
                double vx = factors[x.IndexAt(e) * k + f] * v;
                sumSquare += vx * vx;
                sum += vx;
            }
            m += 0.5 * (sum * sum - sumSquare);
        }
        return m;
    }
}
