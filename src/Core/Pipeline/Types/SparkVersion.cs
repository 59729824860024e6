using System.Globalization;
using System.Text.RegularExpressions;

namespace Ember.Pipeline;

/// <summary>The Spark version that saved a stage; kernels branch on it where Spark's semantics changed.</summary>
public readonly partial record struct SparkVersion(int Major, int Minor, int Patch = 0) : IComparable<SparkVersion>
{
    /// <summary>Parses "3.5.1", "2.4.8", "4.0.0-preview2", "3.3.0-amzn-1" (major.minor required).</summary>
    public static bool TryParse(string? text, out SparkVersion version)
    {
        version = default;
        if (text is null)
            return false;
        var m = VersionPattern().Match(text);
        if (!m.Success)
            return false;
        int patch = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        version = new SparkVersion(
            int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            patch);
        return true;
    }

    public bool AtLeast(int major, int minor) => Major > major || (Major == major && Minor >= minor);

    public bool Before(int major, int minor) => !AtLeast(major, minor);

    public int CompareTo(SparkVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    public override string ToString() => $"{Major}.{Minor}.{Patch}";

    [GeneratedRegex(@"^(\d{1,3})\.(\d{1,3})(?:\.(\d{1,4}))?")]
    private static partial Regex VersionPattern();
}
