using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Ember.Parquet;
using Ember.Parquet.Compression;
using Ember.Parquet.Compression.Zstd;

namespace Ember.Benchmarks.Parquet;

/// <summary>
/// Page decompression: ~1 MB of Parquet page bytes (an UNCOMPRESSED file of the throughput table,
/// 8,000 rows) as `zstd -3` writes it, decoded by Ember's ZSTD decoder, against the same bytes
/// under SNAPPY and Ember's Snappy decoder. Setup needs the zstd CLI on PATH to make the frame.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ZstdDecodeBenchmarks
{
    private byte[] _input = [];
    private byte[] _zstd = [];
    private byte[] _snappy = [];
    private byte[] _output = [];

    [GlobalSetup]
    public void Setup()
    {
        _input = new ParquetBenchmarkData(8_000).Write(ParquetCompression.Uncompressed);
        _zstd = ZstdCli(_input, "-3");
        _snappy = PageCompression.Compress(ParquetCompression.Snappy, _input);
        _output = new byte[_input.Length];
        ZstdDecoder.Decode(_zstd, _output);
        if (!_output.AsSpan().SequenceEqual(_input))
            throw new InvalidOperationException("ZSTD round trip differs");
        Console.WriteLine($"// input {_input.Length} bytes; zstd -3 {_zstd.Length} bytes; snappy {_snappy.Length} bytes");
    }

    [Benchmark(Baseline = true)]
    public int Snappy()
    {
        SnappyDecoder.Decode(_snappy, _output);
        return _output[^1];
    }

    [Benchmark]
    public int Zstd()
    {
        ZstdDecoder.Decode(_zstd, _output);
        return _output[^1];
    }

    private static byte[] ZstdCli(byte[] input, string level)
    {
        var psi = new ProcessStartInfo("zstd", $"-q {level} -c") { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start zstd");
        var output = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(output);
        p.StandardInput.BaseStream.Write(input);
        p.StandardInput.Close();
        copy.GetAwaiter().GetResult();
        p.WaitForExit();
        return output.ToArray();
    }
}
