using Ember.Parquet;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Ember.Core.Tests.Parquet;

/// <summary>
/// Write → read round trips over random schemas (primitives, structs, lists, lists of lists,
/// maps, nullable at every level), random nulls, NaN and infinities, sizes and row group sizes.
/// FsCheck draws the seed of each case; a failure names the seed so the case can be replayed.
/// </summary>
public sealed class ParquetRoundTripProperties
{
    [Fact]
    public void RandomSchemaAndRows_ReadBackAsWritten()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), (int seed) => RoundTrips(seed));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), property);
    }

    [Fact]
    public void RandomFlatColumns_ReadBackThroughColumnarRead()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), (int seed) => ColumnsRoundTrip(seed));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    private static bool RoundTrips(int seed)
    {
        var rng = new Random(seed);
        int fieldCount = rng.Next(1, 6);
        var fields = Enumerable.Range(0, fieldCount).Select(i => RandomField(rng, "f" + i, depth: 0)).ToArray();
        var schema = new ParquetSchema(fields);
        int rows = rng.Next(0, 200);
        var data = Enumerable.Range(0, rows).Select(_ => fields.Select(f => RandomValue(rng, f, depth: 0)).ToArray()).ToList();
        var options = new ParquetWriteOptions
        {
            RowGroupSize = rng.Next(1, 80),
            PageSize = rng.Next(16, 4096),
            Compression = rng.Next(3) switch { 0 => ParquetCompression.Uncompressed, 1 => ParquetCompression.Snappy, _ => ParquetCompression.Gzip },
            DictionaryEncodeStrings = rng.Next(2) == 0,
        };
        var read = ParquetWriterTests.Read(ParquetWriterTests.Write(schema, data, options));
        var names = fields.Select(f => f.Name).ToArray();
        if (read.Count != rows)
            throw new InvalidOperationException($"seed {seed}: wrote {rows} rows, read {read.Count}");
        for (int r = 0; r < rows; r++)
        {
            string expected = new ParquetRecord(names, data[r]).ToString();
            string actual = read[r].ToString();
            if (expected != actual)
                throw new InvalidOperationException($"seed {seed}, row {r}: wrote {expected}, read {actual}\nschema:\n{schema}");
        }
        return true;
    }

    private static bool ColumnsRoundTrip(int seed)
    {
        var rng = new Random(seed);
        int rows = rng.Next(0, 3000);
        var nulls = Enumerable.Range(0, rows).Select(_ => rng.Next(4) == 0).ToArray();
        var doubles = Enumerable.Range(0, rows).Select(_ => RandomDouble(rng)).ToArray();
        var strings = Enumerable.Range(0, rows).Select(_ => rng.Next(5) == 0 ? null : RandomString(rng)).ToArray();
        var offsets = new int[rows + 1];
        var values = new List<double>();
        for (int i = 0; i < rows; i++)
        {
            int n = rng.Next(0, 5);
            for (int k = 0; k < n; k++) values.Add(RandomDouble(rng));
            offsets[i + 1] = values.Count;
        }
        var schema = new ParquetSchema(ParquetField.Double("d"), ParquetField.String("s"), ParquetField.List("v", ParquetField.Double("element", nullable: false), nullable: false));
        using var ms = new MemoryStream();
        using (var w = new ParquetFileWriter(ms, schema, new ParquetWriteOptions { RowGroupSize = rng.Next(1, 5000), PageSize = rng.Next(64, 1 << 16) }))
            w.WriteColumns(ParquetWriteColumn.Doubles("d", doubles, nulls), ParquetWriteColumn.Strings("s", strings), ParquetWriteColumn.DoubleLists("v", offsets, values.ToArray()));
        using var reader = ParquetFileReader.Open(new MemoryStream(ms.ToArray()), "columns.parquet");
        int row = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            var d = reader.ReadColumn(g, "d");
            var s = reader.ReadColumn(g, "s");
            var v = reader.ReadListColumn(g, "v");
            for (int i = 0; i < d.RowCount; i++, row++)
            {
                bool ok = d.IsNull(i) == nulls[row]
                    && (nulls[row] || d.Doubles![i].Equals(doubles[row]))
                    && s.Strings![i] == strings[row]
                    && v.Doubles!.AsSpan(v.Offsets[i], v.LengthOf(i)).SequenceEqual(values.ToArray().AsSpan(offsets[row], offsets[row + 1] - offsets[row]));
                if (!ok)
                    throw new InvalidOperationException($"seed {seed}: row {row} differs");
            }
        }
        if (row != rows)
            throw new InvalidOperationException($"seed {seed}: wrote {rows} rows, read {row}");
        return true;
    }

    private static ParquetField RandomField(Random rng, string name, int depth)
    {
        bool nullable = rng.Next(3) != 0;
        int kind = depth >= 3 ? 0 : rng.Next(10);
        return kind switch
        {
            < 6 => RandomPrimitive(rng, name, nullable),
            6 or 7 => ParquetField.List(name, RandomField(rng, "element", depth + 1), nullable),
            8 => ParquetField.Struct(name, nullable, Enumerable.Range(0, rng.Next(1, 4)).Select(i => RandomField(rng, name + "_" + i, depth + 1)).ToArray()),
            _ => ParquetField.Map(name, RandomPrimitive(rng, "key", nullable: false), RandomField(rng, "value", depth + 1), nullable),
        };
    }

    private static ParquetField RandomPrimitive(Random rng, string name, bool nullable) => rng.Next(8) switch
    {
        0 => ParquetField.Boolean(name, nullable),
        1 => ParquetField.Int32(name, nullable),
        2 => ParquetField.Int64(name, nullable),
        3 => ParquetField.Float(name, nullable),
        4 => ParquetField.Double(name, nullable),
        5 => ParquetField.Primitive(name, ParquetPhysicalType.ByteArray, nullable),
        6 => ParquetField.Primitive(name, ParquetPhysicalType.Int32, nullable, new ParquetLogicalType(ParquetLogicalTypeKind.Date)),
        _ => ParquetField.String(name, nullable),
    };

    private static object? RandomValue(Random rng, ParquetField f, int depth)
    {
        if (f.IsNullable && rng.Next(5) == 0)
            return null;
        switch (f.Kind)
        {
            case ParquetFieldKind.List:
                return Enumerable.Range(0, rng.Next(0, 4)).Select(_ => RandomValue(rng, f.Element!, depth + 1)).ToList();
            case ParquetFieldKind.Struct:
                return new ParquetRecord(f.Children.Select(c => c.Name).ToArray(), f.Children.Select(c => RandomValue(rng, c, depth + 1)).ToArray());
            case ParquetFieldKind.Map:
                {
                    var keys = new HashSet<string>();
                    var map = new List<KeyValuePair<object?, object?>>();
                    for (int i = rng.Next(0, 4); i > 0; i--)
                    {
                        object key = RandomValue(rng, f.Key!, depth + 1)!;
                        if (keys.Add(ParquetRecordKey(key)))
                            map.Add(new(key, RandomValue(rng, f.Value!, depth + 1)));
                    }
                    return map;
                }
        }
        return f.PhysicalType switch
        {
            ParquetPhysicalType.Boolean => rng.Next(2) == 0,
            ParquetPhysicalType.Int32 when f.LogicalType.Kind == ParquetLogicalTypeKind.Date => DateOnly.FromDayNumber(rng.Next(0, 3_000_000)),
            ParquetPhysicalType.Int32 => rng.Next(int.MinValue, int.MaxValue),
            ParquetPhysicalType.Int64 => rng.NextInt64(long.MinValue, long.MaxValue),
            ParquetPhysicalType.Float => (float)RandomDouble(rng),
            ParquetPhysicalType.Double => RandomDouble(rng),
            _ when f.LogicalType.Kind == ParquetLogicalTypeKind.String => RandomString(rng),
            _ => Enumerable.Range(0, rng.Next(0, 6)).Select(_ => (byte)rng.Next(256)).ToArray(),
        };
    }

    // JSON object keys must be unique for the comparison by text to be meaningful.
    private static string ParquetRecordKey(object key) => new ParquetRecord(["k"], [key]).ToString();

    private static double RandomDouble(Random rng) => rng.Next(12) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => double.NegativeInfinity,
        3 => -0.0,
        4 => rng.Next(-5, 5),
        _ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-10, 10)),
    };

    private static string RandomString(Random rng)
    {
        const string alphabet = "abcxyz éü€🚀\"\\\n";
        var chars = new System.Text.StringBuilder();
        for (int i = rng.Next(0, 8); i > 0; i--)
            chars.Append(alphabet[rng.Next(alphabet.Length)]);
        return System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(chars.ToString()));
    }
}
