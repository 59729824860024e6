using System.Diagnostics;
using Ember.Parquet;
using Xunit;

namespace Ember.Core.Tests.Parquet;

[Trait("Corpus", "parquet-testing")]
public sealed class ParquetBadDataTests
{
    [Theory]
    [MemberData(nameof(ParquetTestingFiles.BadFiles), MemberType = typeof(ParquetTestingFiles))]
    public void BadFile_IsRefusedWithAnErrorNamingTheFile_UnlessListedAsAccepted(string file)
    {
        string path = ParquetTestingFiles.PathOf("bad_data", file);
        var clock = Stopwatch.StartNew();
        if (ParquetTestingFiles.AcceptedBadFiles.TryGetValue(file, out long rows))
        {
            using var reader = ParquetFileReader.Open(path);
            Assert.Equal(rows, reader.RowCount);
            Assert.Equal(rows, reader.ReadRecords().LongCount());
            return;
        }
        var ex = Assert.Throws<ParquetException>(() =>
        {
            using var reader = ParquetFileReader.Open(path);
            foreach (var _ in reader.ReadRecords()) { }
        });
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.InnerException); // a wrapped IndexOutOfRange or the like would be a decoder bug
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
