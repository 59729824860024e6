using System.Globalization;

namespace Ember.Storage.Registry;

/// <summary>
/// How versions sort: numerically when every version is an integer (so 10 comes after 9),
/// otherwise ordinally (so "2024-01-05" dates and "v1.2" tags still sort sensibly). "latest" is
/// the last one in this order.
/// </summary>
public static class VersionOrder
{
    public static List<string> Sort(IEnumerable<string> versions)
    {
        var list = versions.Distinct(StringComparer.Ordinal).ToList();
        if (list.TrueForAll(v => TryParse(v, out _)))
            list.Sort(static (a, b) =>
            {
                TryParse(a, out ulong x);
                TryParse(b, out ulong y);
                int byValue = x.CompareTo(y);
                return byValue != 0 ? byValue : string.CompareOrdinal(a, b); // "01" and "1"
            });
        else
            list.Sort(StringComparer.Ordinal);
        return list;
    }

    private static bool TryParse(string version, out ulong value) =>
        ulong.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
