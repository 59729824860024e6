using Ember.Parquet;
using Xunit;

namespace Ember.Core.Tests.Parquet;

/// <summary>Feeds the reader damaged copies of a valid file: it must read them or refuse them cleanly.</summary>
public sealed class ParquetCorruptionTests
{
    private static byte[] SampleFile(ParquetCompression codec)
    {
        var schema = new ParquetSchema(ParquetField.Int32("i"), ParquetField.String("s"),
            ParquetField.List("v", ParquetField.Double("element")),
            ParquetField.Map("m", ParquetField.String("key", nullable: false), ParquetField.Int64("value")));
        var rows = Enumerable.Range(0, 40).Select(i => new object?[]
        {
            i % 3 == 0 ? null : i, "s" + (i % 4),
            i % 5 == 0 ? null : Enumerable.Range(0, i % 4).Select(k => (object?)(k * 1.5)).ToList(),
            new List<KeyValuePair<object?, object?>> { new("k" + i, (long)i) },
        });
        return ParquetWriterTests.Write(schema, rows, new ParquetWriteOptions { Compression = codec, RowGroupSize = 16, WritePageChecksums = false });
    }

    [Theory]
    [InlineData(ParquetCompression.Uncompressed)]
    [InlineData(ParquetCompression.Snappy)]
    public void EveryTruncation_IsRefusedCleanly(ParquetCompression codec)
    {
        byte[] file = SampleFile(codec);
        for (int length = 0; length < file.Length; length++)
            AssertReadsOrRefuses(file.AsSpan(0, length).ToArray(), mustFail: true);
    }

    [Theory]
    [InlineData(ParquetCompression.Uncompressed)]
    [InlineData(ParquetCompression.Snappy)]
    public void EveryByteCorruption_ReadsOrIsRefusedCleanly(ParquetCompression codec)
    {
        byte[] file = SampleFile(codec);
        foreach (byte pattern in new byte[] { 0xFF, 0x00, 0x7F, 0x80 })
        {
            for (int pos = 0; pos < file.Length; pos++)
            {
                byte[] copy = (byte[])file.Clone();
                copy[pos] ^= pattern == 0 ? (byte)1 : pattern;
                AssertReadsOrRefuses(copy, mustFail: false);
            }
        }
    }

    private static void AssertReadsOrRefuses(byte[] bytes, bool mustFail)
    {
        try
        {
            using var r = ParquetFileReader.Open(new MemoryStream(bytes), "damaged.parquet");
            foreach (var record in r.ReadRecords())
                _ = record.ToString();
            Assert.False(mustFail, $"a file cut to {bytes.Length} bytes was read without error");
        }
        catch (ParquetException ex)
        {
            Assert.StartsWith("damaged.parquet: ", ex.Message, StringComparison.Ordinal);
            Assert.Null(ex.InnerException);
        }
    }
}
