using Ember.Storage.Registry;

namespace Ember.Serving;

/// <summary>
/// Which version of a weighted alias serves a request. An alias promoted with a weight
/// (<c>{"version": "4", "weight": 10, "previous": ["3"]}</c>) sends that percentage of traffic to
/// its version (the canary) and the rest to the version it pointed at before (the stable one).
/// </summary>
public static class CanaryRouting
{
    /// <summary>The canary when the alias has a weight below 100 and an earlier version to split with.</summary>
    public static bool IsSplit(AliasEntry entry) => entry.Weight is { } w && w < 100 && entry.Previous.Count > 0;

    /// <summary>
    /// The version for one request: with a routing key, a stable hash of it decides (the same key
    /// always lands on the same side, on every instance); without, a random draw.
    /// </summary>
    public static string Pick(string model, AliasEntry entry, string? routingKey)
    {
        if (!IsSplit(entry))
            return entry.Version;
        int weight = entry.Weight!.Value;
        int bucket = routingKey is null ? Random.Shared.Next(100) : Bucket(model, routingKey);
        return bucket < weight ? entry.Version : entry.Previous[0];
    }

    /// <summary>0..99 from FNV-1a over the model name and the key: stable across processes (string.GetHashCode is not).</summary>
    public static int Bucket(string model, string routingKey)
    {
        ulong hash = 14695981039346656037UL;
        hash = Mix(hash, model);
        hash = (hash ^ '\n') * 1099511628211UL;
        hash = Mix(hash, routingKey);
        // Fold the high bits in: FNV's low bits alone are weak for short keys.
        return (int)((hash ^ (hash >> 32)) % 100);
    }

    private static ulong Mix(ulong hash, string text)
    {
        foreach (char c in text)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }
        return hash;
    }
}
