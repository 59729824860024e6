using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Api;

/// <summary>The shape of a predict body, found by a first validating pass.</summary>
/// <param name="RowCount">Number of rows.</param>
/// <param name="RowsOffset">Byte offset of the "rows" array, or -1 when the body is one row.</param>
internal readonly record struct RequestShape(int RowCount, int RowsOffset);

/// <summary>
/// Reads a predict body — one row as a JSON object, or {"rows": [ {...}, ... ]} — with
/// Utf8JsonReader straight into a frame's input columns: no DOM, no dictionary per row.
/// Property names match input columns case-insensitively (as Spark does); properties the plan
/// does not read are ignored. Every input the plan reads must be present in every row (null is
/// a value the stages judge).
/// </summary>
internal static class PredictRequestReader
{
    /// <summary>Deeper than any real row (vectors nest 2 levels): refuse JSON bombs early.</summary>
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>
    /// First pass: checks the whole body is one valid JSON object (syntax, depth, no trailing
    /// data), finds the rows and counts them. Returns a problem response, or null with the shape.
    /// </summary>
    public static ApiResponse? Scan(ReadOnlySpan<byte> body, int maxRows, out RequestShape shape)
    {
        shape = default;
        var reader = new Utf8JsonReader(body, Options);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
            return ApiProblems.Create(ProblemTypes.InvalidRequest,
                $"The body is {JsonCellReader.Describe(reader.TokenType)}; send one row as a JSON object, or {{\"rows\": [{{...}}, ...]}}.");
        int rows = 1, offset = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isRows = JsonCellReader.TextIs(ref reader, "rows"u8);
            reader.Read();
            if (isRows && reader.TokenType == JsonTokenType.StartArray)
            {
                offset = (int)reader.TokenStartIndex;
                rows = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                        return ApiProblems.Create(ProblemTypes.InvalidRequest,
                            $"rows[{rows}] is {JsonCellReader.Describe(reader.TokenType)}; every row must be a JSON object of column values.");
                    if (++rows > maxRows)
                        return ApiProblems.Create(ProblemTypes.TooLarge,
                            $"The request has more than {maxRows} rows; send at most {maxRows} per request (EMBER_MAX_ROWS), or use a batch job.");
                    reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }
        // Anything after the object (a second value, garbage) makes the reader throw here.
        while (reader.Read())
        {
        }
        shape = new RequestShape(rows, offset);
        return null;
    }

    /// <summary>Second pass: fills rows 0..RowCount-1 of <paramref name="frame"/>; problems go to <paramref name="errors"/>.</summary>
    public static void Fill(ReadOnlySpan<byte> body, RequestShape shape, InputBinding binding, Frame frame, RowErrors errors)
    {
        Span<bool> seen = binding.Inputs.Length <= 512 ? stackalloc bool[binding.Inputs.Length] : new bool[binding.Inputs.Length];
        if (shape.RowsOffset < 0)
        {
            var reader = new Utf8JsonReader(body, Options);
            reader.Read();
            ReadRow(ref reader, 0, binding, frame, errors, seen);
            return;
        }
        // A fresh reader on the "rows" array: it stops at the array's end, before the rest of the body.
        var rows = new Utf8JsonReader(body[shape.RowsOffset..], Options);
        rows.Read();
        int row = 0;
        while (rows.Read() && rows.TokenType == JsonTokenType.StartObject && row < shape.RowCount)
            ReadRow(ref rows, row++, binding, frame, errors, seen);
    }

    private static void ReadRow(ref Utf8JsonReader reader, int row, InputBinding binding, Frame frame, RowErrors errors, scoped Span<bool> seen)
    {
        seen.Clear();
        Span<char> nameBuffer = stackalloc char[128];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int index = Lookup(ref reader, binding, nameBuffer);
            reader.Read();
            if (index < 0)
            {
                reader.Skip(); // a column this plan does not read: ignored
                continue;
            }
            seen[index] = true;
            var input = binding.Inputs[index];
            JsonCellReader.Read(ref reader, input, frame.Columns[input.Slot], row, errors);
        }
        for (int i = 0; i < seen.Length; i++)
        {
            if (!seen[i])
                errors.Add(ErrorCode.MissingColumn, binding.Inputs[i].Name,
                    $"is missing; the model reads it as {binding.Inputs[i].Type} (send null explicitly if the value is unknown)", row);
        }
    }

    private static int Lookup(ref Utf8JsonReader reader, InputBinding binding, scoped Span<char> buffer)
    {
        int length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        try
        {
            if (length <= buffer.Length)
            {
                int written = reader.CopyString(buffer);
                return binding.IndexOf(buffer[..written]);
            }
            return binding.IndexOf(reader.GetString());
        }
        catch (InvalidOperationException)
        {
            return -1; // a name with a lone surrogate escape names no column
        }
    }
}
