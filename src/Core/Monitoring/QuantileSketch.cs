using System.Runtime.CompilerServices;

namespace Ember.Monitoring;

/// <summary>
/// A mergeable quantile sketch on a fixed logarithmic grid (the idea of HdrHistogram and
/// DDSketch): each octave [2^e, 2^(e+1)) is cut into 2^<see cref="SubBucketBits"/> equal buckets
/// read straight from the double's exponent and top mantissa bits, so adding a value is a few
/// bit operations and one increment, never an allocation or a logarithm. Because the grid is
/// fixed, merging is bucket-wise addition: exact, commutative and associative, which is what lets
/// snapshots of many short-lived instances be merged in any order.
/// </summary>
/// <remarks>
/// Bucket array layout, monotone in value: negatives (largest magnitude first) | zero | positives.
/// Magnitudes below 2^<see cref="MinExponent"/> count as zero; above 2^(<see cref="MinExponent"/>
/// + <see cref="Octaves"/>) they land in the last bucket (min and max are kept exactly by the
/// numeric profile). A bucket spans at most 1/16 of its lower bound, so a quantile read as the
/// bucket's midpoint is within ~3% of a value of the sample: ample for drift bins and charts.
/// </remarks>
public sealed class QuantileSketch
{
    public const int SubBucketBits = 4;
    public const int MinExponent = -40;   // 2^-40 ≈ 9e-13: smaller magnitudes are zero for drift purposes
    public const int Octaves = 104;       // up to 2^64 ≈ 1.8e19: covers timestamps in microseconds
    public const int BucketsPerSign = Octaves << SubBucketBits;
    public const int BucketCount = 2 * BucketsPerSign + 1;
    public const int ZeroIndex = BucketsPerSign;

    /// <summary>Names the grid in serialized sketches so a reader refuses a different one.</summary>
    public const string Layout = "log2-sub4-e-40-o104";

    private const int SubBucketMask = (1 << SubBucketBits) - 1;
    private readonly long[] _counts = new long[BucketCount];

    /// <summary>Values added (NaN is never added: callers count it apart).</summary>
    public long Total { get; private set; }

    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>The bucket array, for a caller's tight loop that then reports its adds with <see cref="AddedToBuckets"/>.</summary>
    internal long[] Buckets => _counts;

    internal void AddedToBuckets(long count) => Total += count;

    /// <summary>Adds one value; NaN is ignored (the caller counts it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        if (double.IsNaN(value))
            return;
        _counts[IndexOf(value)]++;
        Total++;
    }

    /// <summary>The bucket of <paramref name="value"/> (not NaN) in the array layout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOf(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        if (exponent < MinExponent)
            return ZeroIndex;
        int key = ((exponent - MinExponent) << SubBucketBits) | (int)((bits >> (52 - SubBucketBits)) & SubBucketMask);
        if (key >= BucketsPerSign)
            key = BucketsPerSign - 1;
        return bits < 0 ? ZeroIndex - 1 - key : ZeroIndex + 1 + key;
    }

    /// <summary>Smallest value of a bucket (for negatives: the value closest to −∞).</summary>
    public static double LowerBound(int index)
    {
        if (index == ZeroIndex)
            return 0.0;
        return index > ZeroIndex ? Magnitude(index - ZeroIndex - 1) : -Magnitude(ZeroIndex - index);
    }

    /// <summary>Largest value of a bucket (exclusive).</summary>
    public static double UpperBound(int index)
    {
        if (index == ZeroIndex)
            return 0.0;
        return index > ZeroIndex ? Magnitude(index - ZeroIndex) : -Magnitude(ZeroIndex - index - 1);
    }

    /// <summary>A representative value of the bucket: its midpoint.</summary>
    public static double Midpoint(int index) => index == ZeroIndex ? 0.0 : (LowerBound(index) + UpperBound(index)) / 2;

    public void Merge(QuantileSketch other)
    {
        var source = other._counts;
        for (int i = 0; i < _counts.Length; i++)
            _counts[i] += source[i];
        Total += other.Total;
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Total = 0;
    }

    /// <summary>The value at rank <paramref name="q"/> in [0, 1] (bucket midpoint), NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (Total == 0)
            return double.NaN;
        long rank = (long)Math.Ceiling(Math.Clamp(q, 0, 1) * Total);
        if (rank < 1)
            rank = 1;
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return Midpoint(i);
        }
        return Midpoint(_counts.Length - 1);
    }

    /// <summary>Adds <paramref name="count"/> to a bucket (deserialization); refuses an index off the grid.</summary>
    public void AddToBucket(int index, long count)
    {
        if ((uint)index >= BucketCount || count < 0)
            throw new FormatException($"sketch bucket {index} with count {count} is not on the {Layout} grid");
        _counts[index] += count;
        Total += count;
    }

    public bool SameCounts(QuantileSketch other) => Total == other.Total && _counts.AsSpan().SequenceEqual(other._counts);

    // Magnitude of the boundary below positive key k: 2^e * (1 + sub / 2^bits).
    private static double Magnitude(int key)
    {
        int exponent = (key >> SubBucketBits) + MinExponent;
        int sub = key & SubBucketMask;
        return Math.ScaleB(1.0 + (double)sub / (1 << SubBucketBits), exponent);
    }
}
