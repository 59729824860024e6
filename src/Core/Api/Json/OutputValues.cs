using System.Globalization;
using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Api;

/// <summary>
/// How a cell is written in JSON — the one rendering shared by predict responses and bundle
/// examples (docs/api.md): doubles in shortest round-trip form, floats as floats; NaN and ±∞ as
/// the strings "NaN", "Infinity", "-Infinity" (Spark's spelling); integers as integers; dense
/// vectors as arrays of numbers and sparse vectors as {"size", "indices", "values"} (Spark keeps
/// whichever form the stage produced, so do we); dates as "yyyy-MM-dd", timestamps as ISO 8601 UTC.
/// </summary>
public static class OutputValues
{
    public static void Write(Utf8JsonWriter writer, Column column, int row)
    {
        if (column.IsNull(row))
        {
            writer.WriteNullValue();
            return;
        }
        switch (column)
        {
            case DoubleColumn d:
                WriteDouble(writer, d.Values[row], d.Type == SparkType.Float);
                break;
            case LongColumn l:
                WriteLong(writer, l.Type, l.Values[row]);
                break;
            case BooleanColumn b:
                writer.WriteBooleanValue(b.Values[row]);
                break;
            case StringColumn s:
                writer.WriteStringValue(s.Values[row]);
                break;
            case StringArrayColumn sa:
                writer.WriteStartArray();
                foreach (var token in sa.Values[row]!)
                    writer.WriteStringValue(token);
                writer.WriteEndArray();
                break;
            case DoubleArrayColumn da:
                bool isFloat = da.Type.Element == SparkType.Float;
                writer.WriteStartArray();
                foreach (double x in da.Values[row]!)
                    WriteDouble(writer, x, isFloat);
                writer.WriteEndArray();
                break;
            case VectorColumn v:
                WriteVector(writer, v.Get(row));
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    public static void WriteVector(Utf8JsonWriter writer, in VectorView vector)
    {
        if (vector.IsDense)
        {
            writer.WriteStartArray();
            foreach (double x in vector.Values)
                WriteDouble(writer, x, false);
            writer.WriteEndArray();
            return;
        }
        writer.WriteStartObject();
        writer.WriteNumber("size"u8, vector.Size);
        writer.WriteStartArray("indices"u8);
        foreach (int i in vector.Indices)
            writer.WriteNumberValue(i);
        writer.WriteEndArray();
        writer.WriteStartArray("values"u8);
        foreach (double x in vector.Values)
            WriteDouble(writer, x, false);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Shortest text that reads back to the same bits; non-finite values as Spark's strings.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value, bool isFloat)
    {
        if (double.IsNaN(value))
            writer.WriteStringValue("NaN"u8);
        else if (double.IsPositiveInfinity(value))
            writer.WriteStringValue("Infinity"u8);
        else if (double.IsNegativeInfinity(value))
            writer.WriteStringValue("-Infinity"u8);
        else
            WriteFinite(writer, value, isFloat);
    }

    /// <summary>
    /// Shortest round-trip digits, with ".0" added to whole numbers as Spark's JSON writes them
    /// (a prediction of 1.0 stays a double to clients that tell 1 from 1.0).
    /// </summary>
    private static void WriteFinite(Utf8JsonWriter writer, double value, bool isFloat)
    {
        Span<byte> text = stackalloc byte[40];
        bool ok = isFloat
            ? ((float)value).TryFormat(text, out int written, "R", CultureInfo.InvariantCulture)
            : value.TryFormat(text, out written, "R", CultureInfo.InvariantCulture);
        if (!ok)
        {
            writer.WriteNumberValue(value);
            return;
        }
        if (text[..written].IndexOfAny((byte)'.', (byte)'E') < 0)
        {
            text[written++] = (byte)'.';
            text[written++] = (byte)'0';
        }
        writer.WriteRawValue(text[..written], skipInputValidation: true);
    }

    private static void WriteLong(Utf8JsonWriter writer, SparkType type, long value)
    {
        switch (type.Kind)
        {
            case SparkTypeKind.Date:
                writer.WriteStringValue(DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case SparkTypeKind.Timestamp:
                writer.WriteStringValue(new DateTimeOffset(DateTime.UnixEpoch.Ticks + value * 10, TimeSpan.Zero));
                break;
            default:
                writer.WriteNumberValue(value);
                break;
        }
    }
}
