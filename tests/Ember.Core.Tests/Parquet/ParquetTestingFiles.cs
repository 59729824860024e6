using Ember.Testing;

namespace Ember.Core.Tests.Parquet;

/// <summary>The files of the parquet-testing corpus, and what the reader must do with each.</summary>
internal static class ParquetTestingFiles
{
    public static string Root => Corpus.Require(Corpus.ParquetTesting);

    /// <summary>Files the reader refuses, with a word the refusal must contain. Every other file must read.</summary>
    public static readonly IReadOnlyDictionary<string, string> Refused = new Dictionary<string, string>
    {
        ["datapage_v1-corrupt-checksum.parquet"] = "CRC",
        ["rle-dict-uncompressed-corrupt-checksum.parquet"] = "CRC",
        // Two strings of 1 GiB each: refused by the page size cap rather than buffered.
        ["large_string_map.brotli.parquet"] = "MiB limit",
        // Its dictionary page header overruns the column chunk, as the file's name says.
        ["nation.dict-malformed.parquet"] = "beyond the column chunk",
        // ZSTD pages decode (each frame checked against the zstd CLI); a timestamp in the data lies beyond DateTime.
        ["nested_structs.rust.parquet"] = "outside years 1 to 9999",
        // Row 6 is the year 290000, beyond System.DateTime; rows 1-5 read (see the value test).
        ["int96_from_spark.parquet"] = "outside years 1 to 9999",
    };

    /// <summary>
    /// Files under bad_data/ the reader accepts, with their row counts. ARROW-GH-43605 (ZSTD) has RLE
    /// dictionary indices of bit width 0, valid for a one-entry dictionary; parquet-java reads it too.
    /// Until ZSTD was read, it was refused for its codec.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, long> AcceptedBadFiles = new Dictionary<string, long>
    {
        ["ARROW-GH-43605.parquet"] = 21186,
    };

    public static IEnumerable<object[]> DataFiles() => Files("data");

    public static IEnumerable<object[]> BadFiles() => Files("bad_data");

    public static IEnumerable<object[]> ShreddedVariantFiles() => Files("shredded_variant");

    private static IEnumerable<object[]> Files(string folder)
    {
        string dir = Path.Combine(Corpus.ParquetTesting, folder);
        if (!Directory.Exists(dir))
            return [["(corpus missing: " + dir + ")"]];
        return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".parquet", StringComparison.Ordinal) || f.EndsWith(".parquet.encrypted", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { f });
    }

    public static string PathOf(string folder, string relative) => Path.Combine(Root, folder, relative);

    public static List<ParquetRecordSnapshot> ReadAll(string path)
    {
        using var reader = Ember.Parquet.ParquetFileReader.Open(path);
        return reader.ReadRecords().Select(r => new ParquetRecordSnapshot(r)).ToList();
    }
}

/// <summary>A record plus its JSON text, for assertions that show the whole row when they fail.</summary>
internal sealed record ParquetRecordSnapshot(Ember.Parquet.ParquetRecord Record)
{
    public string Json { get; } = Record.ToString();

    public object? this[string name] => Record[name];
}
