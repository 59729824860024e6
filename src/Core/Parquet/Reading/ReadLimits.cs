namespace Ember.Parquet.Reading;

/// <summary>Caps on sizes read from a file, checked before anything is allocated from them.</summary>
internal static class ReadLimits
{
    /// <summary>Footers of real files are kilobytes to a few megabytes; 64 MiB leaves ample room.</summary>
    public const int MaxFooterBytes = 64 << 20;

    /// <summary>Writers cut pages at about 1 MiB; a page beyond 512 MiB is refused rather than buffered.</summary>
    public const int MaxPageBytes = 512 << 20;

    /// <summary>Entries (values, nulls, empty lists) in one column chunk: bounds level arrays.</summary>
    public const long MaxChunkEntries = 1L << 28;
}
