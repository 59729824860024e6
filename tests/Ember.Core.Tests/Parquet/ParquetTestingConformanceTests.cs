using System.Globalization;
using Ember.Parquet;
using Xunit;

namespace Ember.Core.Tests.Parquet;

[Trait("Corpus", "parquet-testing")]
public sealed class ParquetTestingConformanceTests
{
    [Theory]
    [MemberData(nameof(ParquetTestingFiles.DataFiles), MemberType = typeof(ParquetTestingFiles))]
    public void DataFile_ReadsEveryRow_OrIsRefusedWithTheDocumentedReason(string file)
    {
        string path = ParquetTestingFiles.PathOf("data", file);
        bool encrypted = file.EndsWith(".encrypted", StringComparison.Ordinal);
        string? reason = encrypted ? "encrypt" : ParquetTestingFiles.Refused.GetValueOrDefault(file);
        if (reason is null)
        {
            using var reader = ParquetFileReader.Open(path);
            long rows = reader.ReadRecords().LongCount();
            Assert.Equal(reader.RowCount, rows);
        }
        else
        {
            var ex = Assert.Throws<ParquetException>(() =>
            {
                using var reader = ParquetFileReader.Open(path);
                foreach (var _ in reader.ReadRecords()) { }
            });
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains(reason, ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Null(ex.InnerException);
        }
    }

    [Theory]
    [MemberData(nameof(ParquetTestingFiles.ShreddedVariantFiles), MemberType = typeof(ParquetTestingFiles))]
    public void ShreddedVariantFile_ReadsAsItsPhysicalTypes(string file)
    {
        using var reader = ParquetFileReader.Open(ParquetTestingFiles.PathOf("shredded_variant", file));
        Assert.Equal(reader.RowCount, reader.ReadRecords().LongCount());
    }

    [Theory]
    [InlineData("delta_binary_packed")]
    [InlineData("delta_byte_array")]
    [InlineData("delta_encoding_optional_column")]
    [InlineData("delta_encoding_required_column")]
    public void DeltaEncodedFile_MatchesItsExpectCsv(string name)
    {
        var (header, expected) = CsvExpectation.Read(ParquetTestingFiles.PathOf("data", name + "_expect.csv"));
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", name + ".parquet"));
        Assert.Equal(expected.Count, rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            var record = rows[r].Record;
            for (int c = 0; c < header.Length; c++)
            {
                // The required-column file names its columns with a trailing ':'; the CSV does not.
                object? actual = record.TryGet(header[c], out var v) ? v : record[header[c] + ":"];
                string? text = actual switch
                {
                    null => null,
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => actual.ToString(),
                };
                Assert.True(expected[r][c] == text, $"{name} row {r} column {header[c]}: expected '{expected[r][c]}', read '{text}' in {rows[r].Json}");
            }
        }
    }

    [Fact]
    public void NestedLists_AssembleThreeLevelsWithNulls()
    {
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "nested_lists.snappy.parquet"));
        Assert.Equal("""{"a":[[["a","b"],["c"]],[null,["d"]]],"b":1}""", rows[0].Json);
        Assert.Equal("""{"a":[[["a","b"],["c","d"]],[null,["e"]]],"b":1}""", rows[1].Json);
        Assert.Equal("""{"a":[[["a","b"],["c","d"],["e"]],[null,["f"]]],"b":1}""", rows[2].Json);
    }

    [Fact]
    public void NullableImpala_ReadsNullsAtEveryLevel()
    {
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "nullable.impala.parquet"));
        Assert.Equal(7, rows.Count);
        Assert.Equal("""[[1,2],[3,4]]""", Json(rows[0]["int_array_Array"]));
        Assert.Equal("""[null,1,2,null,3,null]""", Json(rows[1]["int_array"]));
        Assert.Equal("""[]""", Json(rows[2]["int_array"]));
        Assert.Null(rows[3]["int_array"]);
        Assert.Equal("""[[null,1,2,null],[3,null,4],[],null]""", Json(rows[1]["int_array_Array"]));
        Assert.Equal("""{"k1":1,"k2":100}""", Json(rows[0]["int_map"]));
    }

    [Fact]
    public void LegacyListForms_ReadAsLists()
    {
        Assert.Equal("""{"a":[[1,2],[3,4]]}""", ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "old_list_structure.parquet"))[0].Json);
        var repeated = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "repeated_no_annotation.parquet"));
        Assert.Equal("""{"id":6,"phoneNumbers":{"phone":[{"number":1111111111,"kind":"home"},{"number":2222222222,"kind":null},{"number":3333333333,"kind":"mobile"}]}}""", repeated[5].Json);
        var primitive = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "repeated_primitive_no_list.parquet"));
        Assert.Equal("[0,1,2,3]", Json(primitive[0]["Int32_list"]));
    }

    [Fact]
    public void MapWithoutValues_ReadsKeysWithNullValues_AndMatchesItsList()
    {
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "map_no_value.parquet"));
        Assert.Equal(3, rows.Count);
        var map = (IReadOnlyList<KeyValuePair<object?, object?>>)rows[1]["my_map"]!;
        Assert.Equal([4, 5, 6], map.Select(kv => (int)kv.Key!));
        Assert.Equal("[4,5,6]", Json(rows[1]["my_list"]));
    }

    [Fact]
    public void ConcatenatedGzipMembers_ReadAll513Values()
    {
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "concatenated_gzip_members.parquet"));
        Assert.Equal(513, rows.Count);
        for (int i = 0; i < rows.Count; i++)
            Assert.Equal((ulong)(i + 1), rows[i]["long_col"]);
    }

    [Fact]
    public void ByteStreamSplitColumns_EqualTheirPlainTwins()
    {
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "byte_stream_split_extended.gzip.parquet"));
        Assert.Equal(200, rows.Count);
        foreach (var row in rows)
            foreach (string type in new[] { "float16", "float", "double", "int32", "int64", "flba5", "decimal" })
                Assert.Equal(Json(row[type + "_plain"]), Json(row[type + "_byte_stream_split"]));
    }

    [Theory]
    [InlineData("int32_decimal.parquet")]
    [InlineData("int64_decimal.parquet")]
    [InlineData("byte_array_decimal.parquet")]
    [InlineData("fixed_length_decimal.parquet")]
    [InlineData("fixed_length_decimal_legacy.parquet")]
    public void DecimalFiles_ReadOneToTwentyFour(string file)
    {
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", file));
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (decimal)i), rows.Select(r => (decimal)r["value"]!));
    }

    [Theory]
    [InlineData("hadoop_lz4_compressed.parquet")]
    [InlineData("non_hadoop_lz4_compressed.parquet")]
    [InlineData("lz4_raw_compressed.parquet")]
    public void Lz4Files_ReadTheirFourRows(string file)
    {
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", file));
        Assert.Equal(4, rows.Count);
        Assert.Equal(1593604800L, rows[0]["c0"]);
        Assert.Equal("abc"u8.ToArray(), (byte[])rows[0]["c1"]!);
        Assert.Equal(42.0, rows[0]["v11"]);
    }

    [Fact]
    public void ByteStreamSplitZstd_ReadsTheDocumentedNormals()
    {
        // Values from parquet-mr's TestInterOpReadByteStreamSplit for this file: 300 standard normals.
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "byte_stream_split.zstd.parquet"));
        Assert.Equal(300, rows.Count);
        Assert.Equal((1.7640524f, -1.3065268517353166), ((float)rows[0]["f32"]!, (double)rows[0]["f64"]!));
        Assert.Equal((0.4001572f, 1.658130679618188), ((float)rows[1]["f32"]!, (double)rows[1]["f64"]!));
        Assert.Equal((-0.39944902f, -0.9301565025243212), ((float)rows[298]["f32"]!, (double)rows[298]["f64"]!));
        Assert.Equal((0.37005588f, -0.17858909208732915), ((float)rows[299]["f32"]!, (double)rows[299]["f64"]!));
        Assert.All(rows, r => Assert.True(Math.Abs((float)r["f32"]!) < 4 && Math.Abs((double)r["f64"]!) < 4, r.Json));
    }

    [Fact]
    public void DeltaLengthByteArrayZstd_ReadsApplesBananasMangoesAndSquares()
    {
        // Row i holds "apple_banana_mango" followed by i*i (as Arrow's parquet-cpp test of this file checks).
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "delta_length_byte_array.parquet"));
        Assert.Equal(1000, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            object? v = rows[i]["FRUIT"];
            string text = v as string ?? System.Text.Encoding.UTF8.GetString((byte[])v!);
            Assert.Equal("apple_banana_mango" + (i * i).ToString(CultureInfo.InvariantCulture), text);
        }
    }

    [Fact]
    public void Int96FromSpark_ReadsTimestampsUntilTheOneBeyondDateTime()
    {
        using var reader = ParquetFileReader.Open(ParquetTestingFiles.PathOf("data", "int96_from_spark.parquet"));
        var read = new List<object?>();
        var ex = Assert.Throws<ParquetException>(() =>
        {
            foreach (var r in reader.ReadRecords())
                read.Add(r["a"]);
        });
        Assert.Contains("outside years 1 to 9999", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, read.Count);
        Assert.Null(read[4]);
        Assert.Equal(new DateTime(2024, 1, 1, 1, 0, 0, DateTimeKind.Utc), read[1]);
        Assert.Equal(new DateTime(9999, 12, 31, 3, 0, 0, DateTimeKind.Utc), read[2]);
    }

    [Fact]
    public void Float16Column_ReadsHalfValues()
    {
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "float16_nonzeros_and_nans.parquet"));
        Assert.Equal("[null,1,-2,\"NaN\",0,-1,-0,2]", "[" + string.Join(",", rows.Select(r => Json(r["x"]))) + "]");
    }

    [Fact]
    public void DataPageV2_ReadsAllColumns()
    {
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "datapage_v2.snappy.parquet"));
        Assert.Equal("""{"a":"abc","b":1,"c":2,"d":true,"e":[1,2,3]}""", rows[0].Json);
        Assert.Equal(5, rows.Count);
    }

    [Fact]
    public void AllTypesPlain_ReadsImpalaTypes()
    {
        var rows = ParquetTestingFiles.ReadAll(ParquetTestingFiles.PathOf("data", "alltypes_plain.parquet"));
        Assert.Equal(8, rows.Count);
        Assert.Equal(4, rows[0]["id"]);
        Assert.Equal(new DateTime(2009, 3, 1, 0, 1, 0, DateTimeKind.Utc), rows[1]["timestamp_col"]);
        Assert.Equal("03/01/09"u8.ToArray(), (byte[])rows[0]["date_string_col"]!);
        Assert.Equal(1.1f, rows[1]["float_col"]);
    }

    private static string Json(object? value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
            ParquetJson.WriteValue(w, value);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
