using Ember.Batch;
using Xunit;

namespace Ember.Core.Tests.Batch;

public sealed class BatchJobParserTests
{
    [Fact]
    public void Parse_MinimalMessage_TakesFormatsFromExtensionsAndDefaults()
    {
        var job = BatchJobParser.Parse("""{"model":"iris","input":"s3://b/in/data.csv","output":"s3://b/out/scores.parquet"}""");
        Assert.Equal(DataFormat.Csv, job.InputFormat);
        Assert.Equal(DataFormat.Parquet, job.OutputFormat);
        Assert.Equal(OnErrorPolicy.Fail, job.OnError);
        Assert.Equal(BatchJob.DefaultChunkRows, job.ChunkRows);
        Assert.Empty(job.Passthrough);
        Assert.StartsWith("job-", job.JobId);
    }

    [Fact]
    public void DerivedJobId_IgnoresWhitespaceAndFieldOrder_ButNotContent()
    {
        string a = BatchJobParser.Parse("""{"model":"iris","input":"a.csv","output":"b.jsonl"}""").JobId;
        string b = BatchJobParser.Parse("""{ "output": "b.jsonl", "input": "a.csv",  "model": "iris" }""").JobId;
        string c = BatchJobParser.Parse("""{"model":"iris","input":"a.csv","output":"c.jsonl"}""").JobId;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal("mine", BatchJobParser.Parse("""{"model":"iris","input":"a.csv","output":"b.jsonl","jobId":"mine"}""").JobId);
    }

    [Theory]
    [InlineData("""{"model":"iris","input":"a.csv","outptu":"b.csv"}""", "outptu")]
    [InlineData("""{"input":"a.csv","output":"b.csv"}""", "'model' is missing")]
    [InlineData("""{"model":"iris","input":"a.csv","output":"b.csv","alias":"prod","version":"3"}""", "alias or version")]
    [InlineData("""{"model":"iris","input":"a.csv","output":"b.csv","onError":"ignore"}""", "'onError'")]
    [InlineData("""{"model":"iris","input":"a.csv","output":"b.csv","chunkRows":0}""", "'chunkRows'")]
    [InlineData("""{"model":"iris","input":"a.csv","output":"b.csv","chunkRows":"many"}""", "chunkRows")]
    [InlineData("""{"model":"iris","input":"a.txt","output":"b.csv"}""", "'inputFormat'")]
    [InlineData("""{"model":"iris","input":"a.csv","output":"b.csv","outputFormat":"xml"}""", "'outputFormat'")]
    [InlineData("""{"model":"iris","input":"a.csv","output":"a.csv"}""", "same as the input")]
    [InlineData("""{"model":"iris","input":"a.csv","output":"b.csv","jobId":"a b"}""", "'jobId'")]
    [InlineData("""{"model":"iris","input":"a.csv","output":"b.csv","passthrough":["*","x"]}""", "'passthrough'")]
    [InlineData("""{"model":"iris","input":"a.csv","output":"b.csv","part":{"index":3,"count":3}}""", "'part'")]
    [InlineData("""not json""", "not a valid job")]
    [InlineData("", "empty")]
    public void Parse_BadMessage_IsNotRetryable_AndNamesTheField(string message, string expected)
    {
        var ex = Assert.Throws<BatchJobException>(() => BatchJobParser.Parse(message));
        Assert.False(ex.Retryable);
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("s3://bucket/a/b/in.csv", "s3://bucket/a/b", "in.csv")]
    [InlineData("s3://bucket/in.csv", "s3://bucket", "in.csv")]
    [InlineData("https://acct.blob.core.windows.net/c/dir/in.csv?sv=1&sig=x", "https://acct.blob.core.windows.net/c/dir?sv=1&sig=x", "in.csv")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/c/in%20x.csv", "http://127.0.0.1:10000/devstoreaccount1/c", "in x.csv")]
    public void ObjectLocation_SplitsFolderAndKey(string uri, string store, string key)
    {
        var location = ObjectLocation.Parse(uri, "input");
        Assert.Equal(store, location.StoreUri);
        Assert.Equal(key, location.Key);
        Assert.DoesNotContain("sig=", location.Display);
    }

    [Theory]
    [InlineData("s3://bucket")]
    [InlineData("s3://bucket/dir/")]
    [InlineData("ftp://host/x.csv")]
    public void ObjectLocation_NotAnObject_IsRefused(string uri) =>
        Assert.Throws<BatchJobException>(() => ObjectLocation.Parse(uri, "input"));
}
