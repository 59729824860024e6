using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ember.Parquet;

/// <summary>
/// Writes record values as JSON, the way `ember parquet cat` prints them: structs as objects,
/// lists as arrays, maps as objects keyed by the key's text; dates and timestamps in ISO 8601
/// (UTC timestamps end in Z); decimals as strings; binary as base64; NaN and infinities as the
/// strings "NaN", "Infinity", "-Infinity".
/// </summary>
public static class ParquetJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public static string Format(ParquetRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
            WriteValue(w, record);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case ParquetRecord r:
                w.WriteStartObject();
                for (int i = 0; i < r.Count; i++)
                {
                    w.WritePropertyName(r.Names[i]);
                    WriteValue(w, r[i]);
                }
                w.WriteEndObject();
                break;
            case IReadOnlyList<KeyValuePair<object?, object?>> map:
                w.WriteStartObject();
                foreach (var kv in map)
                {
                    w.WritePropertyName(KeyText(kv.Key));
                    WriteValue(w, kv.Value);
                }
                w.WriteEndObject();
                break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case sbyte sb: w.WriteNumberValue(sb); break;
            case short sh: w.WriteNumberValue(sh); break;
            case byte by: w.WriteNumberValue(by); break;
            case ushort us: w.WriteNumberValue(us); break;
            case uint ui: w.WriteNumberValue(ui); break;
            case ulong ul: w.WriteNumberValue(ul); break;
            case double d: WriteDouble(w, d); break;
            case float f: WriteFloat(w, f); break;
            case Half h: WriteFloat(w, (float)h); break;
            case decimal m: w.WriteStringValue(m.ToString(CultureInfo.InvariantCulture)); break;
            case byte[] bytes: w.WriteBase64StringValue(bytes); break;
            case DateOnly date: w.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case DateTime dt: w.WriteStringValue(FormatTimestamp(dt)); break;
            case TimeSpan t: w.WriteStringValue(t.ToString("hh\\:mm\\:ss\\.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')); break;
            case Guid g: w.WriteStringValue(g.ToString("D")); break;
            case IReadOnlyList<object?> list:
                w.WriteStartArray();
                foreach (var item in list)
                    WriteValue(w, item);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    public static string FormatTimestamp(DateTime dt)
    {
        string text = dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');
        return dt.Kind == DateTimeKind.Utc ? text + "Z" : text;
    }

    private static void WriteDouble(Utf8JsonWriter w, double d)
    {
        if (double.IsFinite(d))
            w.WriteNumberValue(d);
        else
            w.WriteStringValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
    }

    private static void WriteFloat(Utf8JsonWriter w, float f)
    {
        if (float.IsFinite(f))
            w.WriteNumberValue(f);
        else
            w.WriteStringValue(float.IsNaN(f) ? "NaN" : f > 0 ? "Infinity" : "-Infinity");
    }

    private static string KeyText(object? key) => key switch
    {
        null => "null",
        string s => s,
        DateTime dt => FormatTimestamp(dt),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        byte[] b => Convert.ToBase64String(b),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? "",
    };
}
