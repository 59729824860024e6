using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Ember.Parquet;

namespace Ember.Benchmarks.Parquet;

/// <summary>
/// Read and write throughput of a batch-shaped file: 1M rows of 10 double columns, 2 string
/// columns and 1 list&lt;double&gt; column (4 elements a row), SNAPPY and UNCOMPRESSED.
/// MB/s = <see cref="ParquetBenchmarkData.DecodedBytes"/> / mean time (printed at setup).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ParquetThroughputBenchmarks
{
    private ParquetBenchmarkData _data = null!;
    private byte[] _file = [];

    [Params(ParquetCompression.Snappy, ParquetCompression.Uncompressed)]
    public ParquetCompression Codec { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new ParquetBenchmarkData(1_000_000);
        _file = _data.Write(Codec);
        Console.WriteLine($"// {Codec}: file {_file.Length / 1e6:F1} MB, decoded data {_data.DecodedBytes / 1e6:F1} MB, {_data.Rows} rows");
    }

    [Benchmark]
    public long ReadColumns()
    {
        using var reader = ParquetFileReader.Open(new MemoryStream(_file, writable: false), "bench.parquet");
        long check = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            for (int c = 0; c < 10; c++)
                check += reader.ReadColumn(g, "d" + c).RowCount;
            check += reader.ReadColumn(g, "s0").RowCount + reader.ReadColumn(g, "s1").RowCount;
            check += reader.ReadListColumn(g, "v").Doubles!.Length;
        }
        return check;
    }

    [Benchmark]
    public long WriteColumns() => _data.Write(Codec).Length;
}

/// <summary>The benchmark table, generated once from a fixed seed.</summary>
public sealed class ParquetBenchmarkData
{
    private readonly double[][] _doubles;
    private readonly string?[][] _strings;
    private readonly int[] _offsets;
    private readonly double[] _values;

    public ParquetBenchmarkData(int rows)
    {
        Rows = rows;
        var rng = new Random(42);
        _doubles = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, rows).Select(_ => rng.NextDouble() * 100).ToArray()).ToArray();
        string[] categories = Enumerable.Range(0, 200).Select(i => "category-" + i).ToArray();
        _strings = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, rows).Select(_ => (string?)categories[rng.Next(categories.Length)]).ToArray()).ToArray();
        _offsets = new int[rows + 1];
        for (int i = 0; i < rows; i++)
            _offsets[i + 1] = _offsets[i] + 4;
        _values = Enumerable.Range(0, _offsets[rows]).Select(_ => rng.NextDouble()).ToArray();
        DecodedBytes = rows * 10L * 8 + _strings.Sum(c => c.Sum(s => (long)s!.Length)) + _values.Length * 8L;
    }

    public int Rows { get; }

    /// <summary>Bytes of values the reader produces: doubles, string UTF-8 bytes and list elements.</summary>
    public long DecodedBytes { get; }

    public static ParquetSchema Schema { get; } = new(
        Enumerable.Range(0, 10).Select(i => ParquetField.Double("d" + i))
            .Append(ParquetField.String("s0")).Append(ParquetField.String("s1"))
            .Append(ParquetField.List("v", ParquetField.Double("element", nullable: false)))
            .ToArray());

    public byte[] Write(ParquetCompression codec)
    {
        using var ms = new MemoryStream();
        using (var w = new ParquetFileWriter(ms, Schema, new ParquetWriteOptions { Compression = codec, RowGroupSize = 256 * 1024 }))
        {
            var columns = Enumerable.Range(0, 10).Select(i => ParquetWriteColumn.Doubles("d" + i, _doubles[i]))
                .Append(ParquetWriteColumn.Strings("s0", _strings[0])).Append(ParquetWriteColumn.Strings("s1", _strings[1]))
                .Append(ParquetWriteColumn.DoubleLists("v", _offsets, _values))
                .ToArray();
            w.WriteColumns(columns);
        }
        return ms.ToArray();
    }
}
