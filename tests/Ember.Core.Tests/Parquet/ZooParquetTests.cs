using Ember.Parquet;
using Ember.Testing;
using Xunit;

namespace Ember.Core.Tests.Parquet;

[Trait("Corpus", "zoo")]
public sealed class ZooParquetTests
{
    public static IEnumerable<object[]> ZooFiles()
    {
        string zoo = Corpus.Zoo;
        if (!Directory.Exists(zoo))
            return [["(corpus missing: " + zoo + ")"]];
        return Directory.EnumerateFiles(zoo, "*.parquet", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(zoo, f))
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { f });
    }

    [Theory]
    [MemberData(nameof(ZooFiles))]
    public void SparkPartFile_ReadsEveryRow(string file)
    {
        using var reader = ParquetFileReader.Open(Path.Combine(Corpus.Require(Corpus.Zoo), file));
        Assert.Equal(reader.RowCount, reader.ReadRecords().LongCount());
        Assert.NotEmpty(reader.Schema.Fields);
    }

    [Fact]
    public void SparkDataFolders_ReadAsOneSequenceOfRecords()
    {
        var folders = Directory.EnumerateFiles(Corpus.Require(Corpus.Zoo), "*.parquet", SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName).Distinct().ToList();
        Assert.NotEmpty(folders);
        foreach (var folder in folders)
        {
            long expected = ParquetDirectory.ListPartFiles(folder!).Sum(f =>
            {
                using var r = ParquetFileReader.Open(f);
                return r.RowCount;
            });
            Assert.Equal(expected, ParquetDirectory.ReadRecords(folder!).LongCount());
        }
    }
}
