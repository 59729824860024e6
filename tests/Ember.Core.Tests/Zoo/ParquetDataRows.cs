using Ember.Parquet;
using Ember.Spark;

namespace Ember.Core.Tests.Zoo;

/// <summary>
/// Test-side bridge from the Parquet reader's records to the loader's <see cref="DataRow"/>s, until
/// the shipped <see cref="IDataFileReader"/> lands on main.
/// </summary>
internal sealed class ParquetDataRows : IDataFileReader
{
    public IReadOnlyList<DataRow> ReadRows(IModelFileSystem files, string directory)
    {
        var rows = new List<DataRow>();
        foreach (var name in files.ListFiles(directory).Where(n => n.StartsWith("part-", StringComparison.Ordinal) && n.EndsWith(".parquet", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = new MemoryStream();
            using (var source = files.OpenRead(ModelPath.Combine(directory, name)))
                source.CopyTo(stream);
            stream.Position = 0;
            using var reader = ParquetFileReader.Open(stream, name);
            foreach (var record in reader.ReadRecords())
                rows.Add(ToRow(record, directory + "/" + name));
        }
        return rows;
    }

    private static DataRow ToRow(ParquetRecord record, string source) =>
        new(record.Names.ToArray(), record.Values.Select(v => Convert(v, source)).ToArray(), source);

    private static object? Convert(object? value, string source) => value switch
    {
        ParquetRecord r => ToRow(r, source),
        IReadOnlyList<KeyValuePair<object?, object?>> map => map.Select(p => new KeyValuePair<object?, object?>(Convert(p.Key, source), Convert(p.Value, source))).ToList(),
        IReadOnlyList<object?> list => list.Select(v => Convert(v, source)).ToList(),
        sbyte b => (int)b,
        short s => (int)s,
        _ => value,
    };
}
