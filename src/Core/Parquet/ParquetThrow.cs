using System.Diagnostics.CodeAnalysis;

namespace Ember.Parquet;

/// <summary>Throw helpers so that hot decoding methods stay small and inlinable.</summary>
internal static class ParquetThrow
{
    [DoesNotReturn]
    public static void Data(string problem) => throw new ParquetDataException(problem);

    [DoesNotReturn]
    public static T Data<T>(string problem) => throw new ParquetDataException(problem);

    [DoesNotReturn]
    public static void Truncated(string what, long needed, long available)
        => throw new ParquetDataException($"{what} needs {needed} bytes but only {available} remain (truncated or corrupt data)");

    /// <summary>Checks a count or length read from the file before anything is allocated from it.</summary>
    public static int CheckedCount(long value, long max, string what)
    {
        if (value < 0 || value > max)
            Data($"{what} is {value}, outside the sane range 0..{max}");
        return (int)value;
    }
}
