using System.Buffers.Binary;
using Ember.Parquet.Thrift;

namespace Ember.Parquet;

/// <summary>
/// Reads one Parquet file: its footer at open, then row groups one at a time (memory is bounded
/// by the largest row group). Records come from <see cref="ReadRecords"/>; flat columns as typed
/// arrays from <see cref="ReadColumn"/> and <see cref="ReadListColumn"/>.
/// Every problem is a <see cref="ParquetException"/> naming the file, the column and the problem.
/// </summary>
public sealed partial class ParquetFileReader : IDisposable
{
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;
    private static ReadOnlySpan<byte> EncryptedMagic => "PARE"u8;

    private readonly Reading.FileSource _source;
    private readonly FileMetaData _meta;

    private ParquetFileReader(Reading.FileSource source, FileMetaData meta, ParquetSchema schema)
    {
        _source = source;
        _meta = meta;
        Schema = schema;
        var kv = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var pair in meta.KeyValueMetadata)
            kv[pair.Key] = pair.Value;
        KeyValueMetadata = kv;
    }

    /// <summary>The display name used in errors (the path when opened from a path).</summary>
    public string FileName => _source.Name;

    public ParquetSchema Schema { get; }

    public long RowCount => _meta.NumRows;

    public int RowGroupCount => _meta.RowGroups.Count;

    public IReadOnlyDictionary<string, string?> KeyValueMetadata { get; }

    public string? CreatedBy => _meta.CreatedBy;

    /// <summary>Rows in one row group.</summary>
    public long GetRowGroupRowCount(int rowGroup) => RowGroupAt(rowGroup).NumRows;

    public static ParquetFileReader Open(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ParquetException(path, null, $"cannot open the file: {ex.Message}", ex);
        }
        try
        {
            return Open(stream, path, ownsStream: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a seekable stream; the reader does not dispose it.</summary>
    public static ParquetFileReader Open(Stream seekableStream, string displayName) => Open(seekableStream, displayName, ownsStream: false);

    private static ParquetFileReader Open(Stream stream, string name, bool ownsStream)
    {
        if (!stream.CanSeek || !stream.CanRead)
            throw new ArgumentException("the Parquet reader needs a readable, seekable stream", nameof(stream));
        var source = new Reading.FileSource(stream, name, stream.Length, ownsStream);
        try
        {
            var (meta, schema) = ReadFooter(source);
            return new ParquetFileReader(source, meta, schema);
        }
        catch (ParquetDataException ex)
        {
            throw new ParquetException(name, null, ex.Message);
        }
    }

    private static (FileMetaData, ParquetSchema) ReadFooter(Reading.FileSource source)
    {
        if (source.Length < 12)
            ParquetThrow.Data($"the file has {source.Length} bytes, too few for a Parquet file (not Parquet, or truncated)");
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        source.ReadAt(0, head);
        source.ReadAt(source.Length - 8, tail);
        if (tail.Slice(4).SequenceEqual(EncryptedMagic))
            ParquetThrow.Data("the file has an encrypted footer (Parquet modular encryption is not supported)");
        if (!head.SequenceEqual(Magic) || !tail.Slice(4).SequenceEqual(Magic))
            ParquetThrow.Data("the file does not start and end with the Parquet magic 'PAR1' (not Parquet, or truncated)");
        uint footerLength = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (footerLength > source.Length - 12 || footerLength > Reading.ReadLimits.MaxFooterBytes)
            ParquetThrow.Data($"the footer length {footerLength} does not fit in the file ({source.Length} bytes)");
        byte[] footer = new byte[footerLength];
        long footerStart = source.Length - 8 - footerLength;
        source.ReadAt(footerStart, footer);
        source.DataEnd = footerStart;
        FileMetaData meta;
        try
        {
            meta = FooterReader.Read(footer);
        }
        catch (ParquetDataException ex)
        {
            throw new ParquetDataException($"the footer is corrupt: {ex.Message}");
        }
        if (meta.HasEncryptionAlgorithm)
            ParquetThrow.Data("the file is encrypted (Parquet modular encryption is not supported)");
        var schema = SchemaFromElements.Build(meta.Schema);
        if (meta.NumRows < 0)
            ParquetThrow.Data($"the footer declares {meta.NumRows} rows");
        long sum = 0;
        foreach (var g in meta.RowGroups)
        {
            if (g.NumRows < 0)
                ParquetThrow.Data($"a row group declares {g.NumRows} rows");
            sum += g.NumRows;
        }
        // Some writers leave num_rows at 0 (repeated_no_annotation.parquet); the row groups are authoritative.
        meta.NumRows = sum;
        return (meta, schema);
    }

    internal RowGroup RowGroupAt(int rowGroup)
    {
        if ((uint)rowGroup >= (uint)_meta.RowGroups.Count)
            throw new ArgumentOutOfRangeException(nameof(rowGroup), $"{FileName} has {_meta.RowGroups.Count} row groups");
        return _meta.RowGroups[rowGroup];
    }

    /// <summary>Reads one leaf column of one row group; wraps decoder errors with file and column.</summary>
    internal Reading.LeafColumn ReadLeaf(int rowGroup, SchemaNode leaf)
    {
        var group = RowGroupAt(rowGroup);
        try
        {
            return Reading.ColumnChunkReader.Read(_source, group, leaf.LeafIndex, leaf);
        }
        catch (ParquetDataException ex)
        {
            throw new ParquetException(FileName, leaf.DottedPath, $"row group {rowGroup}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException or OverflowException or InvalidDataException)
        {
            // A decoder bug must not surface as a crash: report it with the file and column.
            throw new ParquetException(FileName, leaf.DottedPath, $"row group {rowGroup}: the data could not be decoded ({ex.GetType().Name}: {ex.Message})", ex);
        }
    }

    public void Dispose() => _source.Dispose();
}
