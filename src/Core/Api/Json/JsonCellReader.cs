using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Api;

/// <summary>
/// Reads one JSON value straight into a frame cell, typed by the input column: numbers (or
/// "NaN", "Infinity", "-Infinity"), strings, booleans, arrays of strings or numbers, vectors as a
/// JSON array (dense) or {"size": n, "indices": [...], "values": [...]} (sparse; "type" ignored).
/// Null is a value (the stage decides). Leaves the reader on the value's last token; a value
/// that does not fit is reported, never thrown.
/// </summary>
internal static class JsonCellReader
{
    /// <summary>Largest sparse vector size accepted when the model does not fix one: a dense copy of it must stay small.</summary>
    public const int MaxSparseSize = 1 << 24;

    public static void Read(ref Utf8JsonReader reader, InputColumn input, Column column, int row, RowErrors errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            column.SetNull(row);
            if (column is StringColumn s)
                s.Values[row] = null;
            return;
        }
        string? problem = column switch
        {
            DoubleColumn d => ReadDouble(ref reader, d, row),
            LongColumn l => ReadLong(ref reader, l, row),
            BooleanColumn b => ReadBoolean(ref reader, b, row),
            StringColumn s => ReadString(ref reader, s, row),
            StringArrayColumn sa => ReadStrings(ref reader, sa, row),
            DoubleArrayColumn da => ReadDoubles(ref reader, da, row),
            VectorColumn v => JsonVectorReader.Read(ref reader, v, row, input.VectorSize),
            _ => $"columns of type {column.Type} cannot be read from JSON",
        };
        if (problem is null)
            return;
        var code = problem.StartsWith(OutOfRangePrefix, StringComparison.Ordinal) ? ErrorCode.OutOfRange
            : problem.StartsWith(SizePrefix, StringComparison.Ordinal) ? ErrorCode.VectorSizeMismatch
            : ErrorCode.WrongType;
        string? value = reader.TokenType is JsonTokenType.String or JsonTokenType.Number ? Excerpt(ref reader) : null;
        errors.Add(code, input.Name, problem, row, value);
        if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
            reader.Skip();
    }

    internal const string OutOfRangePrefix = "out of range: ";
    internal const string SizePrefix = "wrong size: ";

    private static string? ReadDouble(ref Utf8JsonReader reader, DoubleColumn column, int row)
    {
        if (!TryDouble(ref reader, out double d, out string? problem))
            return problem;
        column.Set(row, column.Type == SparkType.Float ? (float)d : d);
        return null;
    }

    /// <summary>A JSON number, or one of the strings Spark's JSON writer uses for non-finite doubles.</summary>
    internal static bool TryDouble(ref Utf8JsonReader reader, out double d, out string? problem)
    {
        problem = null;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetDouble(out d) && double.IsFinite(d))
                return true;
            problem = OutOfRangePrefix + "the number does not fit a double";
            return false;
        }
        // Escaped text is compared unescaped; ValueTextEquals would throw on a lone surrogate escape.
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            if (reader.ValueTextEquals("NaN"u8)) { d = double.NaN; return true; }
            if (reader.ValueTextEquals("Infinity"u8)) { d = double.PositiveInfinity; return true; }
            if (reader.ValueTextEquals("-Infinity"u8)) { d = double.NegativeInfinity; return true; }
        }
        else if (reader.TokenType == JsonTokenType.String && TryGetString(ref reader, out string? text))
        {
            switch (text)
            {
                case "NaN": d = double.NaN; return true;
                case "Infinity": d = double.PositiveInfinity; return true;
                case "-Infinity": d = double.NegativeInfinity; return true;
            }
        }
        d = 0;
        problem = $"expected a number (or \"NaN\", \"Infinity\", \"-Infinity\") but got {Describe(reader.TokenType)}";
        return false;
    }

    private static string? ReadLong(ref Utf8JsonReader reader, LongColumn column, int row)
    {
        var type = column.Type;
        if (type.Kind is SparkTypeKind.Date or SparkTypeKind.Timestamp)
            return ReadTemporal(ref reader, column, row);
        if (reader.TokenType != JsonTokenType.Number)
            return $"expected an integer ({type}) but got {Describe(reader.TokenType)}";
        if (!reader.TryGetInt64(out long v))
            return reader.TryGetDouble(out double d) && double.IsFinite(d) && d == Math.Floor(d)
                ? OutOfRangePrefix + $"the number does not fit {type}"
                : $"expected an integer ({type}) but got a number with a fraction or exponent";
        bool fits = type.Kind switch
        {
            SparkTypeKind.Byte => v is >= sbyte.MinValue and <= sbyte.MaxValue,
            SparkTypeKind.Short => v is >= short.MinValue and <= short.MaxValue,
            SparkTypeKind.Int => v is >= int.MinValue and <= int.MaxValue,
            _ => true,
        };
        if (!fits)
            return OutOfRangePrefix + $"{v} does not fit {type}";
        column.Set(row, v);
        return null;
    }

    /// <summary>Dates as "yyyy-MM-dd" (days since 1970-01-01), timestamps as ISO 8601 (microseconds since the epoch, UTC when no offset).</summary>
    private static string? ReadTemporal(ref Utf8JsonReader reader, LongColumn column, int row)
    {
        bool date = column.Type.Kind == SparkTypeKind.Date;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > 64)
            return date ? "expected a date as \"yyyy-MM-dd\"" : "expected a timestamp as an ISO 8601 string";
        if (!TryGetString(ref reader, out string? text))
            return InvalidText;
        if (date && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            column.Set(row, day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
            return null;
        }
        if (!date && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            column.Set(row, (at.UtcTicks - DateTime.UnixEpoch.Ticks) / 10);
            return null;
        }
        return date ? "expected a date as \"yyyy-MM-dd\"" : "expected a timestamp as an ISO 8601 string";
    }

    private static string? ReadBoolean(ref Utf8JsonReader reader, BooleanColumn column, int row)
    {
        if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
            return $"expected true or false but got {Describe(reader.TokenType)}";
        column.Set(row, reader.TokenType == JsonTokenType.True);
        return null;
    }

    private static string? ReadString(ref Utf8JsonReader reader, StringColumn column, int row)
    {
        if (reader.TokenType != JsonTokenType.String)
            return $"expected a string but got {Describe(reader.TokenType)}";
        if (!TryGetString(ref reader, out string? text))
            return InvalidText;
        column.Set(row, text);
        return null;
    }

    private static string? ReadStrings(ref Utf8JsonReader reader, StringArrayColumn column, int row)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return $"expected an array of strings but got {Describe(reader.TokenType)}";
        var values = new string?[CountElements(reader)];
        int i = 0;
        string? problem = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                if (!TryGetString(ref reader, out values[i]))
                    problem ??= $"element {i}: {InvalidText}";
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                problem ??= $"expected an array of strings but element {i} is {Describe(reader.TokenType)}";
                reader.Skip();
            }
            i++;
        }
        if (problem is null)
            column.Set(row, values);
        return problem;
    }

    private static string? ReadDoubles(ref Utf8JsonReader reader, DoubleArrayColumn column, int row)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return $"expected an array of numbers but got {Describe(reader.TokenType)}";
        var values = new double[CountElements(reader)];
        bool isFloat = column.Type.Element == SparkType.Float;
        int i = 0;
        string? problem = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (TryDouble(ref reader, out double d, out string? elementProblem))
                values[i] = isFloat ? (float)d : d;
            else
            {
                problem ??= $"element {i}: {elementProblem}";
                reader.Skip();
            }
            i++;
        }
        if (problem is null)
            column.Set(row, values);
        return problem;
    }

    internal const string InvalidText = "the string is not valid Unicode (a lone surrogate escape such as \\ud800)";

    /// <summary>
    /// The string value; false for text .NET cannot hold as a string (the reader accepts a lone
    /// surrogate escape such as \ud800, then refuses to unescape it).
    /// </summary>
    internal static bool TryGetString(ref Utf8JsonReader reader, out string? value)
    {
        try
        {
            value = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>ValueTextEquals that answers false, not throws, for a lone surrogate escape.</summary>
    internal static bool TextIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        if (!reader.ValueIsEscaped)
            return reader.ValueTextEquals(utf8);
        return TryGetString(ref reader, out string? text) && text is not null && text == Encoding.UTF8.GetString(utf8);
    }

    /// <summary>Number of elements of the array the reader is on, read ahead on a copy (the reader is a struct).</summary>
    internal static int CountElements(Utf8JsonReader probe)
    {
        int count = 0;
        while (probe.Read() && probe.TokenType != JsonTokenType.EndArray)
        {
            count++;
            probe.Skip();
        }
        return count;
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string Excerpt(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (raw.Length > 64)
            raw = raw[..64];
        // The raw bytes may be cut inside a character or hold invalid UTF-8: replace, never throw.
        string text = Encoding.UTF8.GetString(raw);
        return reader.ValueSpan.Length > 64 ? text + "..." : text;
    }
}
