using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Batch.Input;

/// <summary>
/// Stores the JSON value under a reader into a frame column, by the column's Spark type: numbers,
/// strings and booleans straight from the token; vectors (array = dense, {size, indices, values} =
/// sparse) and arrays through <see cref="JsonValues"/>. Returns the problem when it does not fit.
/// </summary>
internal static class JsonCellBinder
{
    public static string? Bind(Column column, int row, ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            TextCellBinder.SetNull(column, row);
            return null;
        }
        switch (column)
        {
            case DoubleColumn d when reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double value):
                d.Set(row, column.Type.Kind == SparkTypeKind.Float ? (float)value : value);
                return null;
            case LongColumn when column.Type.IsIntegral && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long n):
                return FrameValues.TrySet(column, row, n);
            case BooleanColumn b when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                b.Set(row, reader.GetBoolean());
                return null;
            case StringColumn s when reader.TokenType == JsonTokenType.String:
                s.Set(row, reader.GetString());
                return null;
        }
        using var doc = JsonDocument.ParseValue(ref reader);
        object? parsed = JsonValues.Read(doc.RootElement, column.Type, out string? problem);
        return problem ?? FrameValues.TrySet(column, row, parsed);
    }
}
