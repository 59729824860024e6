namespace Ember.Parquet.Reading;

/// <summary>The seekable bytes of one Parquet file, with the offset where the footer begins.</summary>
internal sealed class FileSource(Stream stream, string displayName, long length, bool ownsStream) : IDisposable
{
    public string Name { get; } = displayName;

    public long Length { get; } = length;

    /// <summary>Offset just past the last byte that column chunks may use (where the footer starts).</summary>
    public long DataEnd { get; set; } = length;

    public void ReadAt(long offset, Span<byte> into)
    {
        if (offset < 0 || offset > Length - into.Length)
            ParquetThrow.Data($"a read of {into.Length} bytes at offset {offset} lies outside the file ({Length} bytes)");
        stream.Position = offset;
        int done = 0;
        while (done < into.Length)
        {
            int n = stream.Read(into.Slice(done));
            if (n == 0)
                ParquetThrow.Data($"the file ends at offset {offset + done}, before the {into.Length} bytes expected at offset {offset}");
            done += n;
        }
    }

    public void Dispose()
    {
        if (ownsStream)
            stream.Dispose();
    }
}
