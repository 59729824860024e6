using System.Buffers;
using System.Text;
using System.Text.Json;
using Ember.Parquet;
using Ember.Parquet.Reading;

namespace Ember.Batch.Input;

/// <summary>
/// One passthrough column of one Parquet row group: numbers and booleans stay typed (written back
/// to Parquet as they were), strings as text, everything else (dates, decimals, structs, lists) as
/// the JSON text `ember parquet cat` prints.
/// </summary>
internal sealed class PassthroughFeed(Array values, bool[]? nulls)
{
    public static PassthroughKind KindOf(ParquetField f)
    {
        if (f.Kind != ParquetFieldKind.Primitive)
            return PassthroughKind.Json;
        return ValueConverter.KindOf(f) switch
        {
            LogicalValueKind.Boolean => PassthroughKind.Boolean,
            LogicalValueKind.Int32 or LogicalValueKind.SByte or LogicalValueKind.Int16 or LogicalValueKind.Byte or LogicalValueKind.UInt16 => PassthroughKind.Int32,
            LogicalValueKind.Int64 or LogicalValueKind.UInt32 => PassthroughKind.Int64,
            LogicalValueKind.Float => PassthroughKind.Float,
            LogicalValueKind.Double => PassthroughKind.Double,
            LogicalValueKind.String => PassthroughKind.Text,
            _ => PassthroughKind.Json,
        };
    }

    public static PassthroughFeed Read(ParquetFileReader reader, int group, ParquetField field, Func<List<ParquetRecord>> records)
    {
        if (field.Kind != ParquetFieldKind.Primitive)
        {
            int index = ColumnFeed.IndexOf(reader.Schema, field);
            return new PassthroughFeed(records().Select(r => Json(r[index])).ToArray(), null);
        }
        var c = reader.ReadColumn(group, field.Name);
        Array values = (Array?)c.Booleans ?? (Array?)c.Int32s ?? (Array?)c.Int64s ?? (Array?)c.Floats ?? (Array?)c.Doubles
            ?? (Array?)c.Strings ?? c.Objects!.Select(Json).ToArray();
        return new PassthroughFeed(values, c.Nulls);
    }

    public PassthroughColumn Slice(PassthroughField field, int offset) => new(field, values, nulls, offset);

    private static string? Json(object? value)
    {
        if (value is null)
            return null;
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(buffer))
            ParquetJson.WriteValue(w, value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
