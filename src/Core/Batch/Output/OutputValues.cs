using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Batch.Output;

internal enum OutputKind
{
    Double,
    Int32,
    Int64,
    Boolean,
    String,
    DoubleList,
    /// <summary>array&lt;string&gt;: a JSON array (a JSON string in Parquet).</summary>
    JsonText,
}

/// <summary>
/// How output values are rendered: the Parquet type of each Spark type, and JSON values (NaN and
/// infinities as the strings "NaN", "Infinity", "-Infinity", as the HTTP API writes them; vectors
/// as arrays of their dense values).
/// </summary>
internal static class OutputValues
{
    public static OutputKind ParquetKindOf(SparkType type) => type.Kind switch
    {
        SparkTypeKind.Double or SparkTypeKind.Float or SparkTypeKind.Decimal => OutputKind.Double,
        SparkTypeKind.Byte or SparkTypeKind.Short or SparkTypeKind.Int => OutputKind.Int32,
        SparkTypeKind.Long or SparkTypeKind.Date or SparkTypeKind.Timestamp => OutputKind.Int64,
        SparkTypeKind.Boolean => OutputKind.Boolean,
        SparkTypeKind.String => OutputKind.String,
        SparkTypeKind.Vector => OutputKind.DoubleList,
        SparkTypeKind.Array when type.Element is { IsNumeric: true } => OutputKind.DoubleList,
        _ => OutputKind.JsonText,
    };

    /// <summary>A double exactly as the HTTP API writes it (one rendering for every output).</summary>
    public static void WriteDouble(Utf8JsonWriter w, double v) => Api.OutputValues.WriteDouble(w, v, isFloat: false);

    /// <summary>Row <paramref name="row"/> of an output column as a JSON value.</summary>
    public static void WriteJson(Utf8JsonWriter w, Column column, int row)
    {
        if (column.IsNull(row))
        {
            w.WriteNullValue();
            return;
        }
        switch (column)
        {
            // Vectors are the one difference from the API: batch outputs spell them out dense.
            case VectorColumn v:
                {
                    var view = v.Get(row);
                    w.WriteStartArray();
                    if (view.IsDense)
                        foreach (double x in view.Values) WriteDouble(w, x);
                    else
                        for (int i = 0, k = 0; i < view.Size; i++)
                            WriteDouble(w, k < view.Indices.Length && view.Indices[k] == i ? view.Values[k++] : 0.0);
                    w.WriteEndArray();
                    break;
                }
            default:
                Api.OutputValues.Write(w, column, row);
                break;
        }
    }

    /// <summary>A value as one text cell: invariant numbers, true/false, JSON for vectors and arrays; null for null.</summary>
    public static string? Text(Column column, int row)
    {
        if (column.IsNull(row))
            return null;
        switch (column)
        {
            case DoubleColumn d: return d.Type.Kind == SparkTypeKind.Float
                ? ((float)d.Values[row]).ToString("R", CultureInfo.InvariantCulture)
                : d.Values[row].ToString("R", CultureInfo.InvariantCulture);
            case LongColumn l: return l.Values[row].ToString(CultureInfo.InvariantCulture);
            case BooleanColumn b: return b.Values[row] ? "true" : "false";
            case StringColumn s: return s.Values[row];
            default:
                var buffer = new ArrayBufferWriter<byte>(64);
                using (var w = new Utf8JsonWriter(buffer, JsonlRowSink.WriterOptions))
                    WriteJson(w, column, row);
                return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    /// <summary>Raw JSON as a text cell: a JSON string becomes its text, anything else stays JSON.</summary>
    public static string? JsonAsText(string? raw)
    {
        if (raw is null || raw.Length == 0 || raw[0] != '"')
            return raw;
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(raw));
        return reader.Read() ? reader.GetString() : raw;
    }
}
