using Ember.Parquet.Reading;

namespace Ember.Parquet;

public sealed partial class ParquetFileReader
{
    /// <summary>
    /// Where the column chunk of one leaf column of one row group lies in the file: exactly the
    /// bytes <see cref="ReadLeaf"/> will read for it, nothing else (no index or bloom filter), so a
    /// ranged download of these extents is all reading that chunk needs. Null when the footer's
    /// numbers for the chunk are unusable: reading it then fails with the reason, before any read.
    /// </summary>
    internal (long Offset, long Length)? ColumnChunkExtent(int rowGroup, int leafIndex)
    {
        var group = RowGroupAt(rowGroup);
        if ((uint)leafIndex >= (uint)group.Columns.Count)
            return null;
        var chunk = group.Columns[leafIndex];
        if (chunk.IsEncrypted || chunk.FilePath is { Length: > 0 } || chunk.MetaData is not { } meta)
            return null;
        var (start, length) = ColumnChunkReader.Extent(meta);
        return ColumnChunkReader.InData(start, length, _source.DataEnd) && length > 0 ? (start, length) : null;
    }
}
