using System.Buffers;
using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Api;

/// <summary>
/// Reads a Spark ML vector cell: a JSON array of numbers (dense), or an object
/// {"size": n, "indices": [...], "values": [...]} (sparse; indices strictly increasing and below
/// size), or {"values": [...]} (dense, Spark's own JSON form; "type" is ignored). Always consumes
/// the whole value, so the caller's reader stays in step after a refusal.
/// </summary>
internal static class JsonVectorReader
{
    public static string? Read(ref Utf8JsonReader reader, VectorColumn column, int row, int expectedSize)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            int n = JsonCellReader.CountElements(reader);
            if (expectedSize >= 0 && n != expectedSize)
            {
                reader.Skip();
                return JsonCellReader.SizePrefix + $"the model expects vectors of size {expectedSize} but got {n} values";
            }
            var dense = column.AppendDense(row, n);
            return ReadNumbers(ref reader, dense, "vector");
        }
        if (reader.TokenType != JsonTokenType.StartObject)
            return $"expected a vector (an array of numbers, or {{\"size\", \"indices\", \"values\"}}) but got {JsonCellReader.Describe(reader.TokenType)}";
        return ReadObject(ref reader, column, row, expectedSize);
    }

    private static string? ReadObject(ref Utf8JsonReader reader, VectorColumn column, int row, int expectedSize)
    {
        long size = -1;
        int[]? indices = null;
        double[]? values = null;
        int indexCount = 0, valueCount = 0;
        string? problem = null;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (JsonCellReader.TextIs(ref reader, "size"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out size) || size < 0)
                        problem ??= "a sparse vector's \"size\" must be a whole number >= 0";
                }
                else if (JsonCellReader.TextIs(ref reader, "indices"u8))
                {
                    reader.Read();
                    problem ??= ReadIndices(ref reader, ref indices, out indexCount);
                }
                else if (JsonCellReader.TextIs(ref reader, "values"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                        problem ??= "a vector's \"values\" must be an array of numbers";
                    else
                    {
                        valueCount = JsonCellReader.CountElements(reader);
                        if (values is not null)
                            ArrayPool<double>.Shared.Return(values);
                        values = ArrayPool<double>.Shared.Rent(Math.Max(valueCount, 1));
                        problem ??= ReadNumbers(ref reader, values.AsSpan(0, valueCount), "vector");
                    }
                }
                else
                {
                    reader.Read();
                }
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                    reader.Skip();
            }
            return problem ?? Store(column, row, expectedSize, size, indices, indexCount, values, valueCount);
        }
        finally
        {
            if (indices is not null) ArrayPool<int>.Shared.Return(indices);
            if (values is not null) ArrayPool<double>.Shared.Return(values);
        }
    }

    private static string? Store(VectorColumn column, int row, int expectedSize, long size, int[]? indices, int indexCount, double[]? values, int valueCount)
    {
        if (values is null)
            return "a vector object needs \"values\" (and \"size\" and \"indices\" when sparse)";
        if (size < 0 && indices is null)
        {
            if (expectedSize >= 0 && valueCount != expectedSize)
                return JsonCellReader.SizePrefix + $"the model expects vectors of size {expectedSize} but got {valueCount} values";
            column.SetDense(row, values.AsSpan(0, valueCount));
            return null;
        }
        if (size < 0 || indices is null)
            return "a sparse vector needs \"size\", \"indices\" and \"values\"";
        if (indexCount != valueCount)
            return $"a sparse vector needs as many indices as values (got {indexCount} indices and {valueCount} values)";
        if (expectedSize >= 0 && size != expectedSize)
            return JsonCellReader.SizePrefix + $"the model expects vectors of size {expectedSize} but got size {size}";
        if (size > MaxSize(expectedSize))
            return JsonCellReader.OutOfRangePrefix + $"a sparse vector of size {size} is larger than {JsonCellReader.MaxSparseSize}";
        for (int k = 0; k < indexCount; k++)
        {
            if (indices[k] < 0 || indices[k] >= size || (k > 0 && indices[k] <= indices[k - 1]))
                return $"sparse vector indices must be strictly increasing and within [0, {size}); index {k} is {indices[k]}";
        }
        column.SetSparse(row, (int)size, indices.AsSpan(0, indexCount), values.AsSpan(0, valueCount));
        return null;
    }

    private static long MaxSize(int expectedSize) => expectedSize >= 0 ? expectedSize : JsonCellReader.MaxSparseSize;

    private static string? ReadIndices(ref Utf8JsonReader reader, ref int[]? indices, out int count)
    {
        count = 0;
        if (reader.TokenType != JsonTokenType.StartArray)
            return "a sparse vector's \"indices\" must be an array of whole numbers";
        count = JsonCellReader.CountElements(reader);
        if (indices is not null)
            ArrayPool<int>.Shared.Return(indices);
        indices = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        string? problem = null;
        int k = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out indices[k]))
            {
                problem ??= $"sparse vector index {k} is not a whole number";
                reader.Skip();
            }
            k++;
        }
        return problem;
    }

    private static string? ReadNumbers(ref Utf8JsonReader reader, Span<double> into, string what)
    {
        string? problem = null;
        int i = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (JsonCellReader.TryDouble(ref reader, out double d, out string? elementProblem))
                into[i] = d;
            else
            {
                problem ??= $"{what} element {i}: {elementProblem}";
                reader.Skip();
            }
            i++;
        }
        return problem;
    }
}
