namespace Ember.Parquet.Thrift;

// The footer structures of parquet.thrift, as plain data. Only the fields Ember reads or writes
// are kept; the readers skip the rest. Field ids are in FooterReader and MetadataWriter.

internal sealed class FileMetaData
{
    public int Version;
    public List<SchemaElement> Schema = [];
    public long NumRows;
    public List<RowGroup> RowGroups = [];
    public List<KeyValuePair<string, string?>> KeyValueMetadata = [];
    public string? CreatedBy;
    public bool HasEncryptionAlgorithm;
    public int ColumnOrderCount;
}

internal sealed class SchemaElement
{
    public ParquetPhysicalType? Type;
    public int TypeLength;
    public ParquetRepetition? Repetition;
    public string Name = "";
    public int NumChildren;
    public ParquetConvertedType? ConvertedType;
    public int Scale;
    public int Precision;
    public int? FieldId;
    public ParquetLogicalType? LogicalType;
}

internal sealed class RowGroup
{
    public List<ColumnChunk> Columns = [];
    public long TotalByteSize;
    public long NumRows;
    public long? FileOffset;
    public long? TotalCompressedSize;
    public short? Ordinal;
}

internal sealed class ColumnChunk
{
    public string? FilePath;
    public long FileOffset;
    public ColumnMetaData? MetaData;
    public bool IsEncrypted;
}

internal sealed class ColumnMetaData
{
    public ParquetPhysicalType Type;
    public List<int> Encodings = [];
    public List<string> PathInSchema = [];
    public ParquetCompression Codec;
    public long NumValues;
    public long TotalUncompressedSize;
    public long TotalCompressedSize;
    public List<KeyValuePair<string, string?>> KeyValueMetadata = [];
    public long DataPageOffset;
    public long? DictionaryPageOffset;
    public Statistics? Statistics;
}

internal sealed class Statistics
{
    public byte[]? Max;
    public byte[]? Min;
    public long? NullCount;
    public long? DistinctCount;
    public byte[]? MaxValue;
    public byte[]? MinValue;
}
