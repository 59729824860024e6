namespace Ember.Parquet.Thrift;

internal enum PageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}

/// <summary>parquet.thrift <c>Encoding</c>, same numbering.</summary>
internal enum ParquetEncoding
{
    Plain = 0,
    GroupVarInt = 1,
    PlainDictionary = 2,
    Rle = 3,
    BitPacked = 4,
    DeltaBinaryPacked = 5,
    DeltaLengthByteArray = 6,
    DeltaByteArray = 7,
    RleDictionary = 8,
    ByteStreamSplit = 9,
}

internal sealed class PageHeader
{
    public PageType Type;
    public int UncompressedPageSize;
    public int CompressedPageSize;
    public int? Crc;
    public DataPageHeader? DataPage;
    public DictionaryPageHeader? DictionaryPage;
    public DataPageHeaderV2? DataPageV2;
}

internal sealed class DataPageHeader
{
    public int NumValues;
    public ParquetEncoding Encoding;
    public ParquetEncoding DefinitionLevelEncoding;
    public ParquetEncoding RepetitionLevelEncoding;
    public Statistics? Statistics;
}

internal sealed class DictionaryPageHeader
{
    public int NumValues;
    public ParquetEncoding Encoding;
    public bool IsSorted;
}

internal sealed class DataPageHeaderV2
{
    public int NumValues;
    public int NumNulls;
    public int NumRows;
    public ParquetEncoding Encoding;
    public int DefinitionLevelsByteLength;
    public int RepetitionLevelsByteLength;
    public bool IsCompressed = true;
    public Statistics? Statistics;
}
