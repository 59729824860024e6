namespace Ember.Parquet;

/// <summary>How <see cref="ParquetFileWriter"/> lays out a file.</summary>
public sealed record ParquetWriteOptions
{
    /// <summary>SNAPPY, as Spark writes by default. UNCOMPRESSED, GZIP and BROTLI are also offered.</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>Rows per row group; a reader holds one row group in memory at a time.</summary>
    public int RowGroupSize { get; init; } = 1 << 20;

    /// <summary>Target uncompressed bytes per data page (pages end on row boundaries).</summary>
    public int PageSize { get; init; } = 1 << 20;

    /// <summary>Dictionary-encode string and binary columns while the dictionary stays small.</summary>
    public bool DictionaryEncodeStrings { get; init; } = true;

    /// <summary>Write a CRC-32 of each page, as parquet-mr does by default.</summary>
    public bool WritePageChecksums { get; init; } = true;

    /// <summary>Key-value metadata for the footer (e.g. Spark's org.apache.spark.sql.parquet.row.metadata).</summary>
    public IReadOnlyDictionary<string, string>? KeyValueMetadata { get; init; }

    public string CreatedBy { get; init; } = "ember version 1.0.0 (build ember)";
}
