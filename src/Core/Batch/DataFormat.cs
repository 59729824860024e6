namespace Ember.Batch;

/// <summary>File formats the batch runner reads and writes.</summary>
public enum DataFormat
{
    Parquet,
    Csv,
    Jsonl,
}

public static class DataFormats
{
    public static string Name(DataFormat format) => format switch
    {
        DataFormat.Parquet => "parquet",
        DataFormat.Csv => "csv",
        _ => "jsonl",
    };

    public static string Extension(DataFormat format) => "." + Name(format);

    public static bool TryParse(string? text, out DataFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "parquet": format = DataFormat.Parquet; return true;
            case "csv": format = DataFormat.Csv; return true;
            case "jsonl" or "ndjson" or "json": format = DataFormat.Jsonl; return true;
            default: format = default; return false;
        }
    }

    /// <summary>The format a file name's extension names (.parquet, .csv, .jsonl/.ndjson/.json), ignoring a query string.</summary>
    public static bool TryFromName(string location, out DataFormat format)
    {
        int q = location.IndexOf('?');
        string path = q < 0 ? location : location[..q];
        string ext = Path.GetExtension(path.TrimEnd('/'));
        return TryParse(ext.TrimStart('.'), out format);
    }
}
