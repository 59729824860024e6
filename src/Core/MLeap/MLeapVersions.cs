using Ember.Pipeline;

namespace Ember.MLeap;

/// <summary>
/// The Spark release each MLeap release was built against (MLeap's README compatibility table).
/// Stage kernels branch on the Spark version, so a bundle's stages follow the Spark that MLeap's
/// writer (and the runtime of the same release) reproduced.
/// </summary>
internal static class MLeapVersions
{
    // (MLeap minor of 0.x, Spark version) — the first row whose minor is ≥ the bundle's applies.
    private static readonly (int MLeapMinor, SparkVersion Spark)[] Table =
    [
        (5, new SparkVersion(2, 0)),
        (7, new SparkVersion(2, 1)),
        (9, new SparkVersion(2, 2)),
        (13, new SparkVersion(2, 3)),
        (17, new SparkVersion(2, 4)),
        (19, new SparkVersion(3, 0)),
        (21, new SparkVersion(3, 2)),
        (22, new SparkVersion(3, 3)),
        (23, new SparkVersion(3, 4)),
        (24, new SparkVersion(3, 5)),
    ];

    /// <summary>Parses "0.8.0-SNAPSHOT" and maps it; null when the text is not an MLeap version.</summary>
    public static SparkVersion? SparkFor(string? mleapVersion)
    {
        if (!SparkVersion.TryParse(mleapVersion, out var v))
            return null;
        if (v.Major > 0)
            return new SparkVersion(4, 0);
        foreach (var (minor, spark) in Table)
            if (v.Minor <= minor)
                return spark;
        return new SparkVersion(4, 0);
    }
}
