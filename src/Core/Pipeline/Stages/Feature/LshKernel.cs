namespace Ember.Pipeline;

/// <summary>
/// LSHModel.transform (LSH.scala): outputCol = array&lt;vector&gt; of the hash values, one
/// single-element dense vector per hash table. A null input vector makes Spark's UDF throw.
/// </summary>
internal abstract class LshKernel(ColumnInfo input, int output, int numHashTables) : Kernel
{
    protected int NumHashTables { get; } = numHashTables;

    /// <summary>Writes one hash per table; returns an error message where Spark's hashFunction throws.</summary>
    protected abstract string? Hash(in VectorView x, Span<double> hashes);

    public override void Execute(Frame frame)
    {
        var inputs = frame.Column<VectorColumn>(input.Slot);
        var outputs = frame.Column<VectorArrayColumn>(output);
        Span<double> hashes = NumHashTables <= 256 ? stackalloc double[NumHashTables] : new double[NumHashTables];
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r))
                continue;
            if (inputs.IsNull(r))
            {
                frame.Fail(r, new ScoreError(ErrorCode.NullValue, input.Name, Stage, "input vector is null."));
                continue;
            }
            if (Hash(inputs.Get(r), hashes) is { } problem)
            {
                frame.Fail(r, new ScoreError(ErrorCode.InvalidValue, input.Name, Stage, problem));
                continue;
            }
            var result = new SparkVector[NumHashTables]; // the output value itself
            for (int t = 0; t < result.Length; t++)
                result[t] = SparkVector.Dense([hashes[t]]);
            outputs.Set(r, result);
        }
    }

    public static ColumnInfo[] Compile(PipelineBuilder builder, string inputCol, string outputCol, int dimension, out ColumnInfo input)
    {
        input = builder.Read(inputCol, TypeSet.Vector, SparkType.Vector, dimension);
        return [builder.AddColumn(outputCol, SparkType.VectorArray)];
    }
}
