using System.Globalization;

namespace Ember.Pipeline;

/// <summary>How HashingTF hashes a term; Spark chose it by the version that saved the stage.</summary>
public enum TermHash
{
    /// <summary>Spark 1.x: Scala's <c>##</c> (Java String.hashCode for strings).</summary>
    JavaHashCode,
    /// <summary>Spark 2.x: MurmurHash3 x86_32 seed 42 with Spark's legacy byte tail.</summary>
    Murmur3Legacy,
    /// <summary>Spark 3.0+: MurmurHash3 x86_32 seed 42, standard tail (as FeatureHasher).</summary>
    Murmur3,
}

/// <summary>
/// org.apache.spark.ml.feature.HashingTF (params only): term frequencies by the hashing trick.
/// index = nonNegativeMod(hash(term), numFeatures); count per index as a double (1.0 when binary);
/// output sparse, indices ascending. Terms: strings (UTF-8 bytes; null hashes to the seed) or
/// numbers (Int/Short/Byte: hashInt, Long: hashLong, Float: hashInt(floatToIntBits), Double:
/// hashLong(doubleToLongBits)). A null array fails the row. Follows Spark's HashingTF.scala
/// (3.x: hashFuncVersion from the saving major version) and mllib/feature/HashingTF.scala (2.x).
/// </summary>
public sealed class HashingTF(StageInfo info, string inputCol, string outputCol, int numFeatures, bool binary, TermHash hash)
    : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public int NumFeatures { get; } = numFeatures;

    public bool Binary { get; } = binary;

    public TermHash Hash { get; } = hash;

    /// <summary>The hash Spark uses for a stage saved by <paramref name="version"/>.</summary>
    public static TermHash HashFor(SparkVersion version) =>
        version.Major < 2 ? TermHash.JavaHashCode : version.Major < 3 ? TermHash.Murmur3Legacy : TermHash.Murmur3;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("numFeatures", NumFeatures.ToString(CultureInfo.InvariantCulture)),
        new("binary", Binary ? "true" : "false"),
        new("hash", Hash.ToString()),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (NumFeatures <= 0)
            throw builder.Error(null, $"numFeatures = {NumFeatures}; Spark requires > 0.");
        var input = builder.Read(InputCol, TypeSet.StringArray | TypeSet.NumericArray, SparkType.StringArray);
        var element = input.Type.Element!;
        if (element == SparkType.Decimal || (element != SparkType.String && Hash == TermHash.JavaHashCode))
            throw builder.Error(input.Name, $"has type {input.Type}; this HashingTF can only hash {(Hash == TermHash.JavaHashCode ? "strings (Spark 1.x hashing)" : "strings and non-decimal numbers")}.");
        var output = builder.AddColumn(OutputCol, SparkType.Vector, vector: VectorAttributes.OfSize(NumFeatures));
        builder.AddKernel(new HashingTFKernel(input.Name, input.Slot, output.Slot, NumFeatures, Binary, Hash, element), [input.Slot], [output.Slot]);
    }

    /// <summary>The index of one string term (null included), as Spark's indexOf.</summary>
    internal static int IndexOf(string? term, int numFeatures, TermHash hash) =>
        Murmur3.NonNegativeMod(HashString(term, hash), numFeatures);

    private static int HashString(string? term, TermHash hash) => term is null
        ? (hash == TermHash.JavaHashCode ? 0 : Murmur3.Seed)
        : hash switch
        {
            TermHash.JavaHashCode => JavaHashCode(term),
            TermHash.Murmur3Legacy => Murmur3.HashString(term, legacyTail: true),
            _ => Murmur3.HashString(term, legacyTail: false),
        };

    /// <summary>A number widened to double in the frame, hashed as its Spark type.</summary>
    internal static int HashNumber(double v, SparkType element) => element.Kind switch
    {
        SparkTypeKind.Long => Murmur3.HashLong((long)v, Murmur3.Seed),
        SparkTypeKind.Float => Murmur3.HashInt(JavaFloatToIntBits((float)v), Murmur3.Seed),
        SparkTypeKind.Double => Murmur3.HashLong(JavaDoubleToLongBits(v), Murmur3.Seed),
        _ => Murmur3.HashInt((int)v, Murmur3.Seed),
    };

    private static int JavaHashCode(string s)
    {
        int h = 0;
        foreach (char c in s)
            h = unchecked(31 * h + c);
        return h;
    }

    // Java's floatToIntBits / doubleToLongBits collapse every NaN to one canonical pattern.
    private static int JavaFloatToIntBits(float f) => float.IsNaN(f) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(f);

    private static long JavaDoubleToLongBits(double d) => double.IsNaN(d) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(d);

    private sealed class HashingTFKernel(string inputName, int input, int output, int numFeatures, bool binary, TermHash hash, SparkType element) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var dst = frame.Column<VectorColumn>(output);
            var column = frame.Columns[input];
            var strings = column as StringArrayColumn;
            var numbers = column as DoubleArrayColumn;
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (column.IsNull(r))
                {
                    frame.Fail(r, new ScoreError(ErrorCode.NullValue, inputName, Stage,
                        "null term array; HashingTF cannot hash null (Spark throws). Send an array ([] is fine).", "null"));
                    continue;
                }
                int length = strings is not null ? strings.Values[r]!.Length : numbers!.Values[r]!.Length;
                var w = dst.BeginSparse(r, numFeatures, length);
                for (int i = 0; i < length; i++)
                {
                    int h = strings is not null ? HashString(strings.Values[r]![i], hash) : HashNumber(numbers!.Values[r]![i], element);
                    w.Indices[i] = Murmur3.NonNegativeMod(h, numFeatures);
                }
                dst.CommitSparse(r, CountSorted(w.Indices[..length], w.Values, binary));
            }
        }
    }

    /// <summary>Sorts the indices, collapses repeats into (index, count or 1.0); returns the distinct count.</summary>
    internal static int CountSorted(Span<int> indices, Span<double> values, bool binary)
    {
        if (indices.Length == 0)
            return 0;
        indices.Sort();
        int k = 0;
        values[0] = 1.0;
        for (int i = 1; i < indices.Length; i++)
        {
            if (indices[i] == indices[k])
            {
                if (!binary)
                    values[k] += 1.0;
                continue;
            }
            k++;
            indices[k] = indices[i];
            values[k] = 1.0;
        }
        return k + 1;
    }
}
