using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.MinHashLSHModel: for each (a, b) of randCoefficients, hash =
/// min over the non-zero indices i of x of ((1 + i)·a + b) mod 2038074743, as a double; an
/// input without a non-zero entry is refused ("Must have at least 1 non zero entry.").
/// Arithmetic by saving version (MinHashLSH.scala): 3.x in long ((1L + i)·a + b), 2.x in int
/// ((1 + elem)·a + b, wrapping on overflow, Java's signed remainder) [3.0 boundary inferred].
/// </summary>
public sealed class MinHashLSHModel(StageInfo info, string inputCol, string outputCol, int[] randCoefficients)
    : StageDefinition(info)
{
    /// <summary>MinHashLSH.HASH_PRIME.</summary>
    public const long HashPrime = 2038074743L;

    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    /// <summary>Flattened (a, b) pairs, one pair per hash table.</summary>
    public int[] RandCoefficients { get; } = randCoefficients;

    public int NumHashTables => RandCoefficients.Length / 2;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("numHashTables", NumHashTables.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var outputs = LshKernel.Compile(builder, InputCol, OutputCol, -1, out var input);
        builder.AddKernel(new Kernel(input, outputs[0].Slot, RandCoefficients, Info.Version.AtLeast(3, 0)), [input.Slot], [outputs[0].Slot]);
    }

    private sealed class Kernel(ColumnInfo input, int output, int[] coefficients, bool longArithmetic)
        : LshKernel(input, output, coefficients.Length / 2)
    {
        protected override string? Hash(in VectorView x, Span<double> hashes)
        {
            if (x.NonZeroCount() == 0)
                return "Must have at least 1 non zero entry.";
            var values = x.Values;
            for (int t = 0; t < NumHashTables; t++)
            {
                int a = coefficients[2 * t], b = coefficients[2 * t + 1];
                long min = long.MaxValue;
                for (int e = 0; e < values.Length; e++)
                {
                    if (values[e] == 0.0)
                        continue;
                    int i = x.IndexAt(e);
                    long h = longArithmetic
                        ? ((1L + i) * a + b) % HashPrime
                        : unchecked((1 + i) * a + b) % (int)HashPrime;
                    if (h < min)
                        min = h;
                }
                hashes[t] = min;
            }
            return null;
        }
    }
}
