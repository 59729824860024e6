namespace Ember.Pipeline;

/// <summary>How OneVsRestModel picks the class with the highest score when scores tie or are NaN.</summary>
public enum OneVsRestTieRule
{
    /// <summary>
    /// Scores accumulated in an Array[Double], prediction = preds.indices.maxBy(preds.apply) under
    /// Scala 2.12's Ordering.Double (Spark 3.x): the first index with a strictly greater score (IEEE &gt;).
    /// </summary>
    FirstMaxIeee,

    /// <summary>
    /// The same maxBy under Scala 2.13's default Ordering.Double, a total order (Spark 4.x):
    /// java.lang.Double.compare, so NaN beats every number and 0.0 beats −0.0.
    /// </summary>
    FirstMaxTotal,

    /// <summary>
    /// Spark 2.x without a raw column: scores in an immutable Map[Int, Double], prediction =
    /// predictions.maxBy(_._2) in the map's iteration order: insertion order up to 4 classes
    /// (Map1..Map4), hash-trie order beyond (<see cref="OneVsRestTieRules.ScalaHashMapOrder"/>).
    /// </summary>
    ScalaMapOrder,
}

public static class OneVsRestTieRules
{
    /// <summary>
    /// 2.4–2.x with a raw column: Vector.argmax (first strict maximum, IEEE) — the same as
    /// FirstMaxIeee. The switch from Map to Array accumulation is taken as 3.0 [version unverified].
    /// </summary>
    public static OneVsRestTieRule For(SparkVersion version, bool rawEnabled) =>
        version.AtLeast(4, 0) ? OneVsRestTieRule.FirstMaxTotal
        : version.AtLeast(3, 0) || rawEnabled ? OneVsRestTieRule.FirstMaxIeee
        : OneVsRestTieRule.ScalaMapOrder;

    /// <summary>
    /// Class indexes in the iteration order of a Scala 2.11/2.12 immutable.HashMap[Int, _] of
    /// 0..k−1: HashTrieMap visits keys by the 5-bit chunks of improve(key.##), lowest chunk first.
    /// Up to 4 entries Scala uses Map1..Map4, which keep insertion order.
    /// </summary>
    public static int[] ScalaHashMapOrder(int k)
    {
        var order = new int[k];
        for (int i = 0; i < k; i++)
            order[i] = i;
        if (k <= 4)
            return order;
        Array.Sort(order, (a, b) => CompareTrie(Improve(a), Improve(b)));
        return order;
    }

    // scala.collection.immutable.HashMap.improve (2.11/2.12).
    private static int Improve(int hcode)
    {
        int h = hcode + ~(hcode << 9);
        h ^= (int)((uint)h >> 14);
        h += h << 4;
        return h ^ (int)((uint)h >> 10);
    }

    private static int CompareTrie(int a, int b)
    {
        for (int shift = 0; shift < 32; shift += 5)
        {
            int ca = (int)(((uint)a >> shift) & 0x1f), cb = (int)(((uint)b >> shift) & 0x1f);
            if (ca != cb)
                return ca.CompareTo(cb);
        }
        return 0;
    }
}
