using Ember.Parquet;
using Ember.Parquet.Thrift;
using Xunit;

namespace Ember.Core.Tests.Parquet;

public sealed class ParquetWriterTests
{
    private static readonly ParquetLogicalType TimestampMicros = new(ParquetLogicalTypeKind.Timestamp) { Unit = ParquetTimeUnit.Micros, IsAdjustedToUtc = true };
    private static readonly ParquetLogicalType Decimal10_2 = new(ParquetLogicalTypeKind.Decimal) { Precision = 10, Scale = 2 };

    internal static byte[] Write(ParquetSchema schema, IEnumerable<object?[]> rows, ParquetWriteOptions? options = null)
    {
        using var ms = new MemoryStream();
        using (var w = new ParquetFileWriter(ms, schema, options))
            foreach (var row in rows)
                w.WriteRow(row);
        return ms.ToArray();
    }

    internal static List<ParquetRecord> Read(byte[] file)
    {
        using var r = ParquetFileReader.Open(new MemoryStream(file), "test.parquet");
        return r.ReadRecords().ToList();
    }

    [Theory]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Uncompressed)]
    [InlineData(ParquetCompression.Gzip)]
    [InlineData(ParquetCompression.Brotli)]
    public void FlatColumnsOfEveryType_ReadBackIdentically(ParquetCompression codec)
    {
        var schema = new ParquetSchema(
            ParquetField.Boolean("b"), ParquetField.Int32("i", nullable: false), ParquetField.Int64("l"),
            ParquetField.Float("f"), ParquetField.Double("d"), ParquetField.String("s"),
            ParquetField.Primitive("bin", ParquetPhysicalType.ByteArray),
            ParquetField.Int8("i8"),
            ParquetField.Primitive("date", ParquetPhysicalType.Int32, logicalType: new ParquetLogicalType(ParquetLogicalTypeKind.Date)),
            ParquetField.Primitive("ts", ParquetPhysicalType.Int64, logicalType: TimestampMicros),
            ParquetField.Primitive("dec", ParquetPhysicalType.Int64, logicalType: Decimal10_2),
            ParquetField.Primitive("decfixed", ParquetPhysicalType.FixedLenByteArray, logicalType: Decimal10_2, typeLength: 5),
            ParquetField.Primitive("uuid", ParquetPhysicalType.FixedLenByteArray, logicalType: new ParquetLogicalType(ParquetLogicalTypeKind.Uuid), typeLength: 16),
            ParquetField.Primitive("int96", ParquetPhysicalType.Int96));
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var ts = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1230);
        var rows = new List<object?[]>
        {
            new object?[] { true, 1, 2L, 1.5f, double.NaN, "héllo", new byte[] { 0, 255 }, (sbyte)-3, new DateOnly(2020, 2, 29), ts, 12.34m, -0.01m, guid, ts },
            new object?[] { null, -7, null, null, double.NegativeInfinity, null, null, null, null, null, null, null, null, null },
            new object?[] { false, int.MaxValue, long.MinValue, -0f, 1e300, "", Array.Empty<byte>(), (sbyte)127, new DateOnly(1, 1, 1), DateTime.UnixEpoch, -99999999.99m, 99999999.99m, Guid.Empty, new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
        };
        var read = Read(Write(schema, rows, new ParquetWriteOptions { Compression = codec }));
        Assert.Equal(rows.Count, read.Count);
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0; c < rows[r].Length; c++)
                Assert.Equal(rows[r][c], read[r][c]);
    }

    [Fact]
    public void SparkModelShapes_ReadBackIdentically()
    {
        var vector = ParquetField.Struct("vector", true,
            ParquetField.Int8("type", nullable: false),
            ParquetField.Int32("size"),
            ParquetField.List("indices", ParquetField.Int32("element", nullable: false)),
            ParquetField.List("values", ParquetField.Double("element", nullable: false)));
        var matrix = ParquetField.Struct("matrix", true,
            ParquetField.Int8("type", nullable: false), ParquetField.Int32("numRows", nullable: false), ParquetField.Int32("numCols", nullable: false),
            ParquetField.List("colPtrs", ParquetField.Int32("element", nullable: false)),
            ParquetField.List("rowIndices", ParquetField.Int32("element", nullable: false)),
            ParquetField.List("values", ParquetField.Double("element", nullable: false)),
            ParquetField.Boolean("isTransposed", nullable: false));
        var node = ParquetField.Struct("nodeData", true,
            ParquetField.Int32("id", nullable: false), ParquetField.Double("prediction", nullable: false), ParquetField.Double("impurity", nullable: false),
            ParquetField.List("impurityStats", ParquetField.Double("element", nullable: false), nullable: false),
            ParquetField.Struct("split", false,
                ParquetField.Int32("featureIndex", nullable: false),
                ParquetField.List("leftCategoriesOrThreshold", ParquetField.Double("element", nullable: false), nullable: false),
                ParquetField.Int32("numCategories", nullable: false)));
        var schema = new ParquetSchema(vector, matrix, node,
            ParquetField.List("words", ParquetField.List("element", ParquetField.String("element"))),
            ParquetField.Map("nested", ParquetField.Int32("key", nullable: false), ParquetField.Map("value", ParquetField.Double("key", nullable: false), ParquetField.Int32("value"))));
        static ParquetRecord Rec(string[] names, params object?[] values) => new(names, values);
        string[] vNames = ["type", "size", "indices", "values"];
        string[] mNames = ["type", "numRows", "numCols", "colPtrs", "rowIndices", "values", "isTransposed"];
        string[] nNames = ["id", "prediction", "impurity", "impurityStats", "split"];
        string[] sNames = ["featureIndex", "leftCategoriesOrThreshold", "numCategories"];
        var rows = new List<object?[]>
        {
            new object?[]
            {
                Rec(vNames, (sbyte)0, 5, new List<object?> { 1, 3 }, new List<object?> { 0.5, -2.0 }),
                Rec(mNames, (sbyte)1, 2, 2, new List<object?>(), new List<object?>(), new List<object?> { 1.0, 2.0, 3.0, 4.0 }, false),
                Rec(nNames, 0, 1.0, 0.5, new List<object?> { 3.0, 4.0 }, Rec(sNames, 2, new List<object?> { 0.25 }, -1)),
                new List<object?> { new List<object?> { "a", null }, null, new List<object?>() },
                new List<KeyValuePair<object?, object?>> { new(1, new List<KeyValuePair<object?, object?>> { new(0.5, 7), new(1.5, null) }), new(2, null) },
            },
            new object?[]
            {
                Rec(vNames, (sbyte)1, null, null, new List<object?> { 1.0, double.NaN, 3.0 }),
                null,
                null,
                new List<object?>(),
                new List<KeyValuePair<object?, object?>>(),
            },
            new object?[] { null, null, null, null, null },
        };
        var read = Read(Write(schema, rows));
        Assert.Equal(rows.Count, read.Count);
        for (int r = 0; r < rows.Count; r++)
            Assert.Equal(new ParquetRecord(schema.Fields.Select(f => f.Name).ToArray(), rows[r]).ToString(), read[r].ToString());
    }

    [Fact]
    public void ColumnarWrite_ReadsBackThroughColumnarRead()
    {
        var schema = new ParquetSchema(ParquetField.Double("x"), ParquetField.String("s"), ParquetField.List("v", ParquetField.Double("element", nullable: false)), ParquetField.Int64("n", nullable: false));
        int rows = 2500;
        var x = Enumerable.Range(0, rows).Select(i => i * 0.5).ToArray();
        var nulls = Enumerable.Range(0, rows).Select(i => i % 7 == 0).ToArray();
        var s = Enumerable.Range(0, rows).Select(i => i % 5 == 0 ? null : "s" + (i % 13)).ToArray();
        var offsets = new int[rows + 1];
        var values = new List<double>();
        var listNulls = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            listNulls[i] = i % 11 == 3;
            if (!listNulls[i])
                for (int k = 0; k < i % 4; k++) values.Add(i + k / 10.0);
            offsets[i + 1] = values.Count;
        }
        var n = Enumerable.Range(0, rows).Select(i => (long)i * 1000).ToArray();
        using var ms = new MemoryStream();
        using (var w = new ParquetFileWriter(ms, schema, new ParquetWriteOptions { RowGroupSize = 1000, PageSize = 4096 }))
            w.WriteColumns(ParquetWriteColumn.Doubles("x", x, nulls), ParquetWriteColumn.Strings("s", s),
                ParquetWriteColumn.DoubleLists("v", offsets, values.ToArray(), listNulls), ParquetWriteColumn.Int64s("n", n));
        using var r = ParquetFileReader.Open(new MemoryStream(ms.ToArray()), "columns.parquet");
        Assert.Equal(3, r.RowGroupCount);
        Assert.Equal(rows, r.RowCount);
        int row0 = 0;
        for (int g = 0; g < r.RowGroupCount; g++)
        {
            var cx = r.ReadColumn(g, "x");
            var cs = r.ReadColumn(g, "s");
            var cv = r.ReadListColumn(g, "v");
            var cn = r.ReadColumn(g, "n");
            for (int i = 0; i < cx.RowCount; i++)
            {
                int row = row0 + i;
                Assert.Equal(nulls[row], cx.IsNull(i));
                if (!nulls[row]) Assert.Equal(x[row], cx.Doubles![i]);
                Assert.Equal(s[row], cs.Strings![i]);
                Assert.Equal(listNulls[row], cv.IsNull(i));
                Assert.Equal(values.Skip(offsets[row]).Take(offsets[row + 1] - offsets[row]), cv.Doubles!.Skip(cv.Offsets[i]).Take(cv.LengthOf(i)));
                Assert.Equal(n[row], cn.Int64s![i]);
            }
            Assert.Null(cn.Nulls);
            row0 += cx.RowCount;
        }
        Assert.Equal(rows, row0);
    }

    [Fact]
    public void Footer_FollowsTheSpec_WithStatisticsColumnOrdersAndPageOffsets()
    {
        var schema = new ParquetSchema(ParquetField.Double("d"), ParquetField.String("s"), ParquetField.Int32("i", nullable: false));
        var rows = new List<object?[]> { new object?[] { 2.5, "b", 3 }, new object?[] { null, "a", -1 }, new object?[] { -0.0, null, 7 }, new object?[] { double.NaN, "c", 0 } };
        byte[] file = Write(schema, rows);
        Assert.True(file.AsSpan(0, 4).SequenceEqual("PAR1"u8));
        Assert.True(file.AsSpan(file.Length - 4).SequenceEqual("PAR1"u8));
        int footerLength = BitConverter.ToInt32(file, file.Length - 8);
        var meta = FooterReader.Read(file.AsSpan(file.Length - 8 - footerLength, footerLength));
        Assert.Equal(1, meta.Version);
        Assert.Equal(4, meta.NumRows);
        Assert.Equal(3, meta.ColumnOrderCount);
        Assert.Equal(["spark_schema", "d", "s", "i"], meta.Schema.Select(e => e.Name));
        Assert.Null(meta.Schema[0].Repetition);
        var d = meta.RowGroups[0].Columns[0].MetaData!;
        Assert.Equal(ParquetCompression.Snappy, d.Codec);
        Assert.Equal(1, d.Statistics!.NullCount);
        Assert.Equal(-0.0, BitConverter.ToDouble(d.Statistics.MinValue!));
        Assert.True(double.IsNegative(BitConverter.ToDouble(d.Statistics.MinValue!)));
        Assert.Equal(2.5, BitConverter.ToDouble(d.Statistics.MaxValue!));
        var s = meta.RowGroups[0].Columns[1].MetaData!;
        Assert.Equal("a"u8.ToArray(), s.Statistics!.MinValue);
        Assert.Equal("c"u8.ToArray(), s.Statistics.MaxValue);
        Assert.NotNull(s.DictionaryPageOffset);
        Assert.True(s.DictionaryPageOffset < s.DataPageOffset);
        Assert.Equal(["s"], s.PathInSchema);
        var i = meta.RowGroups[0].Columns[2].MetaData!;
        Assert.Equal(-1, BitConverter.ToInt32(i.Statistics!.MinValue!));
        Assert.Equal(7, BitConverter.ToInt32(i.Statistics.MaxValue!));
        long end = 4;
        foreach (var c in meta.RowGroups[0].Columns)
        {
            Assert.Equal(end, c.MetaData!.DictionaryPageOffset ?? c.MetaData.DataPageOffset);
            end += c.MetaData.TotalCompressedSize;
        }
        Assert.Equal(file.Length - 8 - footerLength, end);
    }

    [Fact]
    public void Lists_AreWrittenInSparksThreeLevelForm()
    {
        var schema = new ParquetSchema(ParquetField.List("values", ParquetField.Double("element", nullable: false)));
        using var r = ParquetFileReader.Open(new MemoryStream(Write(schema, [[new List<object?> { 1.0 }]])), "list.parquet");
        Assert.Equal("message spark_schema {\n  optional group values (LIST) {\n    repeated group list {\n      required double element;\n    }\n  }\n}\n", r.Schema.ToString());
    }

    [Fact]
    public void RowGroupSize_CutsRowGroups()
    {
        var schema = new ParquetSchema(ParquetField.Int32("i"));
        byte[] file = Write(schema, Enumerable.Range(0, 25).Select(i => new object?[] { i }), new ParquetWriteOptions { RowGroupSize = 10 });
        using var r = ParquetFileReader.Open(new MemoryStream(file), "groups.parquet");
        Assert.Equal(3, r.RowGroupCount);
        Assert.Equal(Enumerable.Range(0, 25), r.ReadRecords().Select(x => (int)x["i"]!));
    }

    [Fact]
    public void WrongValueType_IsRefusedNamingTheField()
    {
        var schema = new ParquetSchema(ParquetField.Double("score"));
        var ex = Assert.Throws<ArgumentException>(() => Write(schema, [["not a number"]]));
        Assert.Contains("'score'", ex.Message, StringComparison.Ordinal);
    }
}
