using Ember.Pipeline;

namespace Ember.MLeap.Ops;

/// <summary>MLeap locality-sensitive hashing ops → Spark's LSH model definitions (mleap-bundle-format §3.2).</summary>
internal static class LshOps
{
    private const string Package = "org.apache.spark.ml.feature.";

    public static void Register(MLeapOpRegistry registry)
    {
        registry.Register("min_hash_lsh", MinHashLsh);
        registry.Register("bucketed_random_projection_lsh", BucketedRandomProjectionLsh);
    }

    /// <summary>MLeap keeps a and b as two lists; Spark's randCoefficients are the (a, b) pairs, flattened.</summary>
    private static StageDefinition MinHashLsh(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        long[] first = a.LongList("random_coefficients_a"), second = a.LongList("random_coefficients_b");
        if (first.Length != second.Length)
            throw n.Error($"has {first.Length} random_coefficients_a but {second.Length} random_coefficients_b");
        var pairs = new int[2 * first.Length];
        for (int i = 0; i < first.Length; i++)
        {
            pairs[2 * i] = Coefficient(a, "random_coefficients_a", first[i]);
            pairs[2 * i + 1] = Coefficient(a, "random_coefficients_b", second[i]);
        }
        return new MinHashLSHModel(n.Info(Package + "MinHashLSHModel"), n.Input(), n.Output(), pairs);
    }

    /// <summary>Spark draws coefficients in [1, HASH_PRIME) and [0, HASH_PRIME), both ints.</summary>
    private static int Coefficient(MLeapAttributes a, string name, long value) =>
        value is >= 0 and < MinHashLSHModel.HashPrime ? (int)value : throw a.Error(name, $"{value} is not in [0, {MinHashLSHModel.HashPrime})");

    /// <summary>One unit vector per hash table → Spark's numHashTables × dimension matrix.</summary>
    private static StageDefinition BucketedRandomProjectionLsh(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        var vectors = a.TensorList("random_unit_vectors");
        if (vectors.Length == 0)
            throw a.Error("random_unit_vectors", "is empty");
        int dimension = vectors[0].Values.Length;
        var values = new double[vectors.Length * dimension];
        for (int i = 0; i < vectors.Length; i++)
        {
            if (vectors[i].Dimensions.Length > 1 || vectors[i].Values.Length != dimension)
                throw a.Error("random_unit_vectors", $"vector {i} has {vectors[i].Values.Length} values, vector 0 has {dimension}");
            vectors[i].Values.CopyTo(values, i * dimension);
        }
        var matrix = new SparkMatrix(vectors.Length, dimension, values, isTransposed: true);
        return new BucketedRandomProjectionLSHModel(n.Info(Package + "BucketedRandomProjectionLSHModel"), n.Input(), n.Output(),
            a.Double("bucket_length"), matrix);
    }
}
