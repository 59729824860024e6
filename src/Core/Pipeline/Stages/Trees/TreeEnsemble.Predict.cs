namespace Ember.Pipeline;

public sealed partial class TreeEnsemble
{
    [ThreadStatic]
    private static double[]? t_predictions;

    /// <summary>Leaf slots of one row: on the stack for usual ensembles, else a per-thread buffer.</summary>
    internal const int StackTrees = 256;

    /// <summary>
    /// Σ w_t · prediction_t computed as Spark's GBT models do: a BLAS ddot of the per-tree
    /// predictions with the tree weights (F2J sequential ≤ 3.1, dev.ludovic.netlib Java11 kernel
    /// from 3.2, which GBT reaches through the "native" entry point falling back to Java).
    /// </summary>
    public double WeightedSum(ReadOnlySpan<int> leaves, ReadOnlySpan<double> weights, BlasFlavor flavor)
    {
        int n = leaves.Length;
        Span<double> predictions = n <= StackTrees ? stackalloc double[n] : PredictionBuffer(n);
        var leafPrediction = LeafPrediction;
        for (int t = 0; t < n; t++)
            predictions[t] = leafPrediction[leaves[t]];
        return Blas.DotDense(predictions, weights, flavor);
    }

    /// <summary>Σ prediction_t in tree order, divided by the number of trees (RandomForestRegressionModel.predict).</summary>
    public double Average(ReadOnlySpan<int> leaves)
    {
        double sum = 0.0;
        var leafPrediction = LeafPrediction;
        for (int t = 0; t < leaves.Length; t++)
            sum += leafPrediction[leaves[t]];
        return sum / leaves.Length;
    }

    private static Span<double> PredictionBuffer(int trees)
    {
        var buffer = t_predictions;
        if (buffer is null || buffer.Length < trees)
            t_predictions = buffer = new double[trees];
        return buffer.AsSpan(0, trees);
    }
}
