using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.BucketedRandomProjectionLSHModel: for each random unit vector u
/// (a row of randUnitVectors), hash = floor(x·u / bucketLength). 2.x divides each dot product
/// by bucketLength; 3.x computes gemv(1 / bucketLength, randMatrix, x) [3.0 boundary inferred],
/// i.e. (1 / bucketLength)·(x·u). Dot products are sequential (F2J order, and Spark's own loop
/// for sparse x); a native-BLAS cluster can differ in the last bit, which matters only when
/// x·u / bucketLength lands exactly on an integer.
/// </summary>
public sealed class BucketedRandomProjectionLSHModel(StageInfo info, string inputCol, string outputCol, double bucketLength,
    SparkMatrix randUnitVectors)
    : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public double BucketLength { get; } = bucketLength;

    /// <summary>numHashTables × dimension.</summary>
    public SparkMatrix RandUnitVectors { get; } = randUnitVectors;

    public override long EstimatedBytes => 128 + RandUnitVectors.Values.Length * 8L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("bucketLength", BucketLength.ToString("R", CultureInfo.InvariantCulture)),
        new("numHashTables", RandUnitVectors.NumRows.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var outputs = LshKernel.Compile(builder, InputCol, OutputCol, RandUnitVectors.NumCols, out var input);
        builder.AddKernel(new Kernel(input, outputs[0].Slot, RandUnitVectors.NumRows, RandUnitVectors.NumCols, RandUnitVectors.ToRowMajor(),
            BucketLength, Info.Version.AtLeast(3, 0)), [input.Slot], [outputs[0].Slot]);
    }

    private sealed class Kernel(ColumnInfo input, int output, int tables, int dimension, double[] rows, double bucketLength, bool scaleByInverse)
        : LshKernel(input, output, tables)
    {
        protected override string? Hash(in VectorView x, Span<double> hashes)
        {
            if (x.Size != dimension)
                return $"input vector has size {x.Size} but the model's random vectors have size {dimension}.";
            var values = x.Values;
            for (int t = 0; t < NumHashTables; t++)
            {
                var u = rows.AsSpan(t * dimension, dimension);
                double dot = 0.0;
                for (int e = 0; e < values.Length; e++)
                    dot += values[e] * u[x.IndexAt(e)];
                hashes[t] = Math.Floor(scaleByInverse ? 1.0 / bucketLength * dot : dot / bucketLength);
            }
            return null;
        }
    }
}
