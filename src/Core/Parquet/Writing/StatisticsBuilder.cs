using System.Buffers.Binary;
using Ember.Parquet.Reading;
using Ember.Parquet.Thrift;

namespace Ember.Parquet.Writing;

/// <summary>
/// Footer statistics of a column chunk: null count, and min/max in the column's sort order
/// (signed for numbers, unsigned bytes for strings and binary; NaN never counts, and zeros
/// follow PARQUET-1222: min -0.0, max +0.0). Types whose order is not plain (INT96, unsigned
/// ints, FIXED_LEN_BYTE_ARRAY decimals) get the null count only.
/// </summary>
internal static class StatisticsBuilder
{
    public static Statistics Build(ParquetField field, ColumnValues v, long nullCount)
    {
        var stats = new Statistics { NullCount = nullCount };
        int n = v.Count;
        if (n == 0 || field.LogicalType.Kind == ParquetLogicalTypeKind.Integer && !field.LogicalType.IsSigned)
            return stats;
        byte[]? min = null, max = null;
        switch (v.Type)
        {
            case ParquetPhysicalType.Boolean:
                {
                    bool any = false, all = true;
                    for (int i = 0; i < n; i++) { any |= v.Bools[i]; all &= v.Bools[i]; }
                    min = [(byte)(all ? 1 : 0)];
                    max = [(byte)(any ? 1 : 0)];
                    break;
                }
            case ParquetPhysicalType.Int32:
                {
                    var span = v.Ints.AsSpan(0, n);
                    int lo = int.MaxValue, hi = int.MinValue;
                    foreach (int x in span) { if (x < lo) lo = x; if (x > hi) hi = x; }
                    min = new byte[4]; max = new byte[4];
                    BinaryPrimitives.WriteInt32LittleEndian(min, lo);
                    BinaryPrimitives.WriteInt32LittleEndian(max, hi);
                    break;
                }
            case ParquetPhysicalType.Int64:
                {
                    long lo = long.MaxValue, hi = long.MinValue;
                    foreach (long x in v.Longs.AsSpan(0, n)) { if (x < lo) lo = x; if (x > hi) hi = x; }
                    min = new byte[8]; max = new byte[8];
                    BinaryPrimitives.WriteInt64LittleEndian(min, lo);
                    BinaryPrimitives.WriteInt64LittleEndian(max, hi);
                    break;
                }
            case ParquetPhysicalType.Float:
                {
                    float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
                    bool seen = false;
                    foreach (float x in v.Floats.AsSpan(0, n))
                    {
                        if (float.IsNaN(x)) continue;
                        seen = true;
                        if (x < lo || x == 0 && lo == 0 && float.IsNegative(x)) lo = x;
                        if (x > hi || x == 0 && hi == 0 && !float.IsNegative(x)) hi = x;
                    }
                    if (!seen) break;
                    if (lo == 0) lo = -0.0f;
                    if (hi == 0) hi = 0.0f;
                    min = new byte[4]; max = new byte[4];
                    BinaryPrimitives.WriteSingleLittleEndian(min, lo);
                    BinaryPrimitives.WriteSingleLittleEndian(max, hi);
                    break;
                }
            case ParquetPhysicalType.Double:
                {
                    double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                    bool seen = false;
                    foreach (double x in v.Doubles.AsSpan(0, n))
                    {
                        if (double.IsNaN(x)) continue;
                        seen = true;
                        if (x < lo) lo = x;
                        if (x > hi) hi = x;
                    }
                    if (!seen) break;
                    if (lo == 0) lo = -0.0;
                    if (hi == 0) hi = 0.0;
                    min = new byte[8]; max = new byte[8];
                    BinaryPrimitives.WriteDoubleLittleEndian(min, lo);
                    BinaryPrimitives.WriteDoubleLittleEndian(max, hi);
                    break;
                }
            case ParquetPhysicalType.ByteArray when field.LogicalType.Kind != ParquetLogicalTypeKind.Decimal:
                {
                    int lo = 0, hi = 0;
                    for (int i = 1; i < n; i++)
                    {
                        var x = v.GetBinary(i);
                        if (x.SequenceCompareTo(v.GetBinary(lo)) < 0) lo = i;
                        if (x.SequenceCompareTo(v.GetBinary(hi)) > 0) hi = i;
                    }
                    min = v.GetBinary(lo).ToArray();
                    max = v.GetBinary(hi).ToArray();
                    break;
                }
        }
        if (min is null)
            return stats;
        stats.MinValue = min;
        stats.MaxValue = max;
        if (v.Type != ParquetPhysicalType.ByteArray)
        {
            // The deprecated min/max fields mean signed order, which these types use; old readers only know them.
            stats.Min = min;
            stats.Max = max;
        }
        return stats;
    }
}
