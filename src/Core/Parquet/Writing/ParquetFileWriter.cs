using Ember.Parquet.Thrift;
using Ember.Parquet.Writing;

namespace Ember.Parquet;

/// <summary>
/// Writes a Parquet file to a stream: records (any nesting, via <see cref="WriteRecord(ParquetRecord)"/>)
/// or flat columns (<see cref="WriteColumns"/>) are buffered into row groups of
/// <see cref="ParquetWriteOptions.RowGroupSize"/> rows; <see cref="Dispose"/> writes the footer.
/// Lists are written in Spark's 3-level form, strings dictionary-encoded, pages SNAPPY-compressed.
/// </summary>
public sealed partial class ParquetFileWriter : IDisposable
{
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private readonly Stream _output;
    private readonly bool _ownsStream;
    private readonly ParquetWriteOptions _options;
    private readonly LeafBuffer[] _leaves;
    private readonly ParquetField[] _leafFields;
    private readonly List<RowGroup> _rowGroups = [];
    private readonly ColumnChunkWriter _chunkWriter;
    private long _position;
    private int _bufferedRows;
    private long _totalRows;
    private bool _closed;

    public ParquetFileWriter(Stream output, ParquetSchema schema, ParquetWriteOptions? options = null)
        : this(output, schema, options, ownsStream: false)
    {
    }

    private ParquetFileWriter(Stream output, ParquetSchema schema, ParquetWriteOptions? options, bool ownsStream)
    {
        if (!output.CanWrite)
            throw new ArgumentException("the Parquet writer needs a writable stream", nameof(output));
        _output = output;
        _ownsStream = ownsStream;
        _options = options ?? new ParquetWriteOptions();
        if (_options.RowGroupSize <= 0 || _options.PageSize <= 0)
            throw new ArgumentException("row group and page sizes must be positive", nameof(options));
        Schema = schema;
        _leaves = schema.Leaves.Select(n => new LeafBuffer(n)).ToArray();
        _leafFields = new ParquetField[_leaves.Length];
        foreach (var f in schema.Fields)
            IndexLeafFields(f);
        _chunkWriter = new ColumnChunkWriter(output, _options);
        output.Write(Magic);
        _position = Magic.Length;
    }

    /// <summary>Creates (or overwrites) a file and writes to it; the writer owns the file stream.</summary>
    public static ParquetFileWriter Create(string path, ParquetSchema schema, ParquetWriteOptions? options = null)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            return new ParquetFileWriter(stream, schema, options, ownsStream: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public ParquetSchema Schema { get; }

    /// <summary>Writes one row; values are matched to top-level fields by name (or position when unnamed).</summary>
    public void WriteRecord(ParquetRecord record)
    {
        EnsureOpen();
        RecordShredder.Shred(Schema, _leaves, record);
        RowAdded();
    }

    /// <summary>Writes one row given as one value per top-level field, in schema order.</summary>
    public void WriteRow(params object?[] values)
    {
        EnsureOpen();
        RecordShredder.Shred(Schema, _leaves, values);
        RowAdded();
    }

    private void RowAdded()
    {
        _bufferedRows++;
        if (_bufferedRows >= _options.RowGroupSize)
            FlushRowGroup();
    }

    /// <summary>Writes the buffered rows as a row group now (also done every RowGroupSize rows and at the end).</summary>
    public void FlushRowGroup()
    {
        EnsureOpen();
        if (_bufferedRows == 0)
            return;
        long start = _position;
        long uncompressed = 0;
        var chunks = new List<ColumnChunk>(_leaves.Length);
        for (int i = 0; i < _leaves.Length; i++)
        {
            var chunk = _chunkWriter.Write(_leafFields[i], _leaves[i], _position);
            _position += chunk.MetaData!.TotalCompressedSize;
            uncompressed += chunk.MetaData.TotalUncompressedSize;
            chunks.Add(chunk);
            _leaves[i].Clear();
        }
        _rowGroups.Add(new RowGroup
        {
            Columns = chunks,
            NumRows = _bufferedRows,
            TotalByteSize = uncompressed,
            FileOffset = start,
            TotalCompressedSize = _position - start,
            Ordinal = _rowGroups.Count <= short.MaxValue ? (short)_rowGroups.Count : null,
        });
        _totalRows += _bufferedRows;
        _bufferedRows = 0;
    }

    /// <summary>Flushes the last row group and writes the footer. The writer cannot be used afterwards.</summary>
    public void Close()
    {
        if (_closed)
            return;
        FlushRowGroup();
        _closed = true;
        var meta = new FileMetaData
        {
            Version = 1,
            Schema = SchemaElements.From(Schema),
            NumRows = _totalRows,
            RowGroups = _rowGroups,
            CreatedBy = _options.CreatedBy,
            ColumnOrderCount = _leaves.Length,
        };
        if (_options.KeyValueMetadata is { } kv)
            foreach (var pair in kv)
                meta.KeyValueMetadata.Add(new(pair.Key, pair.Value));
        var w = new ThriftCompactWriter();
        MetadataWriter.WriteFileMetaData(w, meta);
        _output.Write(w.WrittenSpan);
        Span<byte> tail = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(tail, w.WrittenSpan.Length);
        Magic.CopyTo(tail.Slice(4));
        _output.Write(tail);
        _output.Flush();
    }

    public void Dispose()
    {
        try
        {
            Close();
        }
        finally
        {
            if (_ownsStream)
                _output.Dispose();
        }
    }

    private void EnsureOpen() => ObjectDisposedException.ThrowIf(_closed, this);

    private void IndexLeafFields(ParquetField f)
    {
        switch (f.Kind)
        {
            case ParquetFieldKind.Primitive: _leafFields[f.Node.LeafIndex] = f; break;
            case ParquetFieldKind.Struct: foreach (var c in f.Children) IndexLeafFields(c); break;
            case ParquetFieldKind.List: IndexLeafFields(f.Element!); break;
            default:
                IndexLeafFields(f.Key!);
                if (f.Value is not null) IndexLeafFields(f.Value);
                break;
        }
    }
}
