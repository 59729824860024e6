namespace Ember.Monitoring;

/// <summary>How a column is profiled; the JSON name is the lower-case word.</summary>
internal enum ProfileKind
{
    Numeric,
    Categorical,
    Boolean,
    /// <summary>A classifier's prediction: class index frequencies over the known classes.</summary>
    Class,
    /// <summary>A classifier's probability vector: per-class histograms.</summary>
    Probability,
    /// <summary>Arrays and vectors: the number of (non-zero) elements, as a numeric profile.</summary>
    Length,
}

internal static class ProfileKinds
{
    public static string Name(ProfileKind kind) => kind switch
    {
        ProfileKind.Numeric => "numeric",
        ProfileKind.Categorical => "categorical",
        ProfileKind.Boolean => "boolean",
        ProfileKind.Class => "class",
        ProfileKind.Probability => "probability",
        _ => "length",
    };

    public static ProfileKind Parse(string? name, string column) => name switch
    {
        "numeric" => ProfileKind.Numeric,
        "categorical" => ProfileKind.Categorical,
        "boolean" => ProfileKind.Boolean,
        "class" => ProfileKind.Class,
        "probability" => ProfileKind.Probability,
        "length" => ProfileKind.Length,
        _ => throw new FormatException($"column '{column}': unknown profile kind '{name}' (expected numeric, categorical, boolean, class, probability or length)"),
    };

    /// <summary>Kinds whose values also feed a numeric accumulator.</summary>
    public static bool HasNumeric(ProfileKind kind) => kind is ProfileKind.Numeric or ProfileKind.Length;

    public static bool HasCategories(ProfileKind kind) => kind is ProfileKind.Categorical or ProfileKind.Boolean or ProfileKind.Class;
}

/// <summary>What to profile for one column: its name, kind and, for class and probability kinds, the number of classes.</summary>
internal sealed record ColumnSpec(string Name, ProfileKind Kind, int Classes = 0);
