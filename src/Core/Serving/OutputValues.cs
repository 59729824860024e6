using System.Globalization;
using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Serving;

/// <summary>
/// How a prediction's values are written as JSON — by the API's responses, by the JSON Lines batch
/// writer and by bundle examples (which record and compare exactly this rendering, so an example
/// that passes at load time returns byte-for-byte what the API returns):
/// <list type="bullet">
/// <item>null → <c>null</c>; boolean → <c>true</c>/<c>false</c>; string → a JSON string</item>
/// <item>double → the shortest text that round-trips (<c>0.1</c>, <c>1.0E-7</c> as <c>1E-07</c>);
/// float → the shortest text that round-trips as a float; NaN and ±infinity → the strings
/// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c> (JSON has no such numbers; the same strings
/// are accepted on input)</item>
/// <item>byte/short/int/long → an integer; date → <c>"yyyy-MM-dd"</c>; timestamp → ISO 8601 UTC</item>
/// <item>dense vector → an array of numbers; sparse vector → <c>{"size": n, "indices": [...], "values": [...]}</c>
/// (the form JSON input accepts); arrays → arrays</item>
/// </list>
/// Writes straight to the <see cref="Utf8JsonWriter"/>: no per-value allocation.
/// </summary>
public static class OutputValues
{
    /// <summary>Writes the value of <paramref name="column"/> at <paramref name="row"/>.</summary>
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
                WriteDouble(writer, d.Values[row], column.Type.Kind == SparkTypeKind.Float);
                break;
            case LongColumn l:
                WriteLong(writer, l.Values[row], column.Type.Kind);
                break;
            case BooleanColumn b:
                writer.WriteBooleanValue(b.Values[row]);
                break;
            case StringColumn s:
                writer.WriteStringValue(s.Values[row]);
                break;
            case StringArrayColumn sa:
                writer.WriteStartArray();
                foreach (string? token in sa.Values[row]!)
                    writer.WriteStringValue(token);
                writer.WriteEndArray();
                break;
            case DoubleArrayColumn da:
                bool asFloat = column.Type.Element?.Kind == SparkTypeKind.Float;
                writer.WriteStartArray();
                foreach (double x in da.Values[row]!)
                    WriteDouble(writer, x, asFloat);
                writer.WriteEndArray();
                break;
            case VectorColumn v:
                WriteVector(writer, v.Get(row));
                break;
            default:
                throw new NotSupportedException($"Columns of type {column.Type} have no JSON rendering.");
        }
    }

    /// <summary>A vector: dense as an array, sparse as {"size","indices","values"}.</summary>
    public static void WriteVector(Utf8JsonWriter writer, in VectorView vector)
    {
        if (vector.IsDense)
        {
            writer.WriteStartArray();
            foreach (double x in vector.Values)
                WriteDouble(writer, x, asFloat: false);
            writer.WriteEndArray();
            return;
        }
        writer.WriteStartObject();
        writer.WriteNumber("size", vector.Size);
        writer.WriteStartArray("indices");
        foreach (int i in vector.Indices)
            writer.WriteNumberValue(i);
        writer.WriteEndArray();
        writer.WriteStartArray("values");
        foreach (double x in vector.Values)
            WriteDouble(writer, x, asFloat: false);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A double as a round-tripping JSON number, or "NaN"/"Infinity"/"-Infinity".</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value, bool asFloat = false)
    {
        if (double.IsFinite(value))
        {
            if (asFloat)
                writer.WriteNumberValue((float)value);
            else
                writer.WriteNumberValue(value);
            return;
        }
        writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    private static void WriteLong(Utf8JsonWriter writer, long value, SparkTypeKind kind)
    {
        switch (kind)
        {
            case SparkTypeKind.Date:
                Span<char> date = stackalloc char[16];
                DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)value)
                    .TryFormat(date, out int n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                writer.WriteStringValue(date[..n]);
                break;
            case SparkTypeKind.Timestamp:
                writer.WriteStringValue(DateTime.UnixEpoch.AddTicks(value * 10)); // microseconds → ticks (100 ns)
                break;
            default:
                writer.WriteNumberValue(value);
                break;
        }
    }
}
