namespace Ember.Pipeline;

/// <summary>
/// KMeans centers with their norms and (Spark 3.1+) the pairwise statistics of the
/// triangle-inequality search: stat(i, j) = 0.25·d(c_i, c_j)² (euclidean) or
/// 1 − √(1 − d/2) (cosine), stat(i, i) = min over j ≠ i. Follows DistanceMeasure.scala
/// (computeStatistics, findClosest with and without statistics).
/// </summary>
internal sealed class CenterSet
{
    private readonly SparkVector[] _centers;
    private readonly double[] _norms;
    private readonly bool _cosine;
    private readonly BlasFlavor _flavor;
    private readonly double[]? _stats;

    public CenterSet(IReadOnlyList<SparkVector> centers, bool cosine, BlasFlavor flavor, bool triangle)
    {
        _centers = centers.ToArray();
        _cosine = cosine;
        _flavor = flavor;
        _norms = new double[_centers.Length];
        for (int i = 0; i < _norms.Length; i++)
        {
            _norms[i] = ClusterDistance.Norm(_centers[i].View);
            HasZeroNorm |= _norms[i] == 0.0;
        }
        if (triangle && !(cosine && HasZeroNorm))
            _stats = Statistics();
    }

    public int Size => _centers[0].Size;

    public bool HasZeroNorm { get; }

    /// <summary>Index of the closest center, or −1 when cosine distance is undefined (zero vector).</summary>
    public int FindClosest(in VectorView x)
    {
        double norm = ClusterDistance.Norm(x);
        if (_cosine && norm == 0.0)
            return -1;
        return _stats is null ? Scan(x, norm) : Triangle(x, norm, _stats);
    }

    private double Distance(int i, in VectorView x, double norm) => _cosine
        ? ClusterDistance.Cosine(_centers[i].View, _norms[i], x, norm, _flavor)
        : ClusterDistance.FastSquaredDistance(_centers[i].View, _norms[i], x, norm, _flavor);

    /// <summary>Spark ≤ 3.0 (and large models): first strict minimum; euclidean skips centers whose norm gap alone exceeds the best.</summary>
    private int Scan(in VectorView x, double norm)
    {
        double best = double.PositiveInfinity;
        int bestIndex = 0;
        for (int i = 0; i < _centers.Length; i++)
        {
            if (!_cosine)
            {
                double gap = _norms[i] - norm;
                if (!(gap * gap < best))
                    continue;
            }
            double d = Distance(i, x, norm);
            if (d < best)
            {
                best = d;
                bestIndex = i;
            }
        }
        return bestIndex;
    }

    private int Triangle(in VectorView x, double norm, double[] stats)
    {
        int k = _centers.Length;
        double best = Distance(0, x, norm);
        if (best < stats[0])
            return 0;
        int bestIndex = 0;
        for (int i = 1; i < k; i++)
        {
            if (!_cosine)
            {
                double gap = _norms[i] - norm;
                if (!(gap * gap < best))
                    continue;
            }
            if (!(stats[i * k + bestIndex] < best))
                continue;
            double d = Distance(i, x, norm);
            if (d < stats[i * k + i])
                return i;
            if (d < best)
            {
                best = d;
                bestIndex = i;
            }
        }
        return bestIndex;
    }

    private double[] Statistics()
    {
        int k = _centers.Length;
        var stats = new double[k * k];
        if (k == 1)
        {
            stats[0] = double.NaN;
            return stats;
        }
        for (int i = 0; i < k; i++)
            stats[i * k + i] = double.PositiveInfinity;
        for (int i = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++)
            {
                double d = _cosine
                    ? ClusterDistance.Cosine(_centers[i].View, _norms[i], _centers[j].View, _norms[j], _flavor)
                    : Math.Sqrt(ClusterDistance.FastSquaredDistance(_centers[i].View, _norms[i], _centers[j].View, _norms[j], _flavor));
                double s = _cosine ? 1 - Math.Sqrt(1 - d / 2) : 0.25 * d * d;
                stats[i * k + j] = stats[j * k + i] = s;
                if (s < stats[i * k + i]) stats[i * k + i] = s;
                if (s < stats[j * k + j]) stats[j * k + j] = s;
            }
        }
        return stats;
    }
}
