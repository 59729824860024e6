using Ember.Pipeline;

namespace Ember.Monitoring;

/// <summary>How a bound column is observed: chosen once per plan from the profile's kind and the slot's type.</summary>
internal enum ObserveKind : byte
{
    /// <summary>Anything else: <see cref="ColumnProfile.Observe"/> decides by the column's runtime type.</summary>
    Generic,
    Doubles,
    Longs,
    Classes,
    Booleans,
    Strings,
    /// <summary>Strings a StringIndexer of the plan already looked up: counted by the index it produced.</summary>
    IndexedStrings,
    Vectors,
    /// <summary>A classifier's probability vector.</summary>
    Probability,
}

/// <summary>
/// One profiled column of a plan, resolved at bind time: which profile, which frame slot, how to
/// observe it and, for a string input a StringIndexer reads, the index slot and the baseline
/// category of each of the indexer's labels (−1: not a baseline value, looked up by string).
/// </summary>
internal readonly record struct BoundColumn(int Profile, bool Output, int Slot, ObserveKind Kind, int IndexSlot = -1, int[]? KnownOfLabel = null)
{
    public static ObserveKind KindFor(ColumnSpec spec, SparkType slotType) => slotType.Kind switch
    {
        SparkTypeKind.Float or SparkTypeKind.Double or SparkTypeKind.Decimal when spec.Kind == ProfileKind.Class => ObserveKind.Classes,
        SparkTypeKind.Float or SparkTypeKind.Double or SparkTypeKind.Decimal when ProfileKinds.HasNumeric(spec.Kind) => ObserveKind.Doubles,
        _ when IsLong(slotType) && ProfileKinds.HasNumeric(spec.Kind) => ObserveKind.Longs,
        SparkTypeKind.Boolean when ProfileKinds.HasCategories(spec.Kind) => ObserveKind.Booleans,
        SparkTypeKind.String when ProfileKinds.HasCategories(spec.Kind) => ObserveKind.Strings,
        SparkTypeKind.Vector when spec.Kind == ProfileKind.Probability => ObserveKind.Probability,
        SparkTypeKind.Vector => ObserveKind.Vectors,
        _ => ObserveKind.Generic,
    };

    private static bool IsLong(SparkType type) => type.IsIntegral || type.Kind is SparkTypeKind.Date or SparkTypeKind.Timestamp;
}
