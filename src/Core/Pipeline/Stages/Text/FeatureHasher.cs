using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.FeatureHasher (2.3+, params only): hashes several columns into
/// one sparse vector of numFeatures. Numeric columns not in categoricalCols add their value at
/// nonNegativeMod(murmur3(name)); string, boolean and categorical numeric columns add 1.0 at
/// nonNegativeMod(murmur3("name=" + Java toString of the value)). Standard Murmur3 tail, seed 42;
/// nulls are skipped; colliding entries are summed in input-column order; explicit zeros and NaN
/// are kept. Follows Spark's FeatureHasher.scala.
/// </summary>
public sealed class FeatureHasher(StageInfo info, IReadOnlyList<string> inputCols, string outputCol, int numFeatures, IReadOnlyList<string> categoricalCols)
    : StageDefinition(info)
{
    public IReadOnlyList<string> InputCols { get; } = inputCols;

    public string OutputCol { get; } = outputCol;

    public int NumFeatures { get; } = numFeatures;

    public IReadOnlyList<string> CategoricalCols { get; } = categoricalCols;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCols", string.Join(",", InputCols)),
        new("outputCol", OutputCol),
        new("numFeatures", NumFeatures.ToString(CultureInfo.InvariantCulture)),
        new("categoricalCols", string.Join(",", CategoricalCols)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (NumFeatures <= 0)
            throw builder.Error(null, $"numFeatures = {NumFeatures}; Spark requires > 0.");
        var inputs = new HashedInput[InputCols.Count];
        for (int i = 0; i < inputs.Length; i++)
        {
            string name = InputCols[i];
            bool categorical = CategoricalCols.Contains(name, StringComparer.Ordinal);
            var col = builder.Read(name, TypeSet.Numeric | TypeSet.String | TypeSet.Boolean, categorical ? SparkType.String : SparkType.Double);
            bool real = col.Type.IsNumeric && !categorical;
            if (!real && col.Type == SparkType.Decimal)
                throw builder.Error(col.Name, "is a categorical decimal column; Ember cannot reproduce Java's BigDecimal.toString from a double.");
            // Spark hashes the name as written in inputCols.
            int nameIndex = Murmur3.NonNegativeMod(Murmur3.HashString(name, legacyTail: false), NumFeatures);
            inputs[i] = new HashedInput(col.Name, col.Slot, col.Type, real, nameIndex, name + "=");
        }
        var output = builder.AddColumn(OutputCol, SparkType.Vector, vector: VectorAttributes.OfSize(NumFeatures));
        builder.AddKernel(new FeatureHasherKernel(inputs, output.Slot, NumFeatures), inputs.Select(x => x.Slot).ToArray(), [output.Slot]);
    }

    internal sealed record HashedInput(string Name, int Slot, SparkType Type, bool Real, int NameIndex, string Prefix);

    private sealed class FeatureHasherKernel(HashedInput[] inputs, int output, int numFeatures) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var dst = frame.Column<VectorColumn>(output);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                var w = dst.BeginSparse(r, numFeatures, inputs.Length);
                int count = 0;
                foreach (var input in inputs)
                {
                    var column = frame.Columns[input.Slot];
                    if (column.IsNull(r))
                        continue;
                    int index;
                    double value;
                    if (input.Real)
                    {
                        index = input.NameIndex;
                        value = column is LongColumn l ? l.Values[r] : ((DoubleColumn)column).Values[r];
                    }
                    else
                    {
                        index = Murmur3.NonNegativeMod(Murmur3.HashString(input.Prefix + ValueText(column, input.Type, r), legacyTail: false), numFeatures);
                        value = 1.0;
                    }
                    int at = w.Indices[..count].IndexOf(index);
                    if (at >= 0)
                    {
                        w.Values[at] += value;
                    }
                    else
                    {
                        w.Indices[count] = index;
                        w.Values[count++] = value;
                    }
                }
                w.Indices[..count].Sort(w.Values[..count]);
                dst.CommitSparse(r, count);
            }
        }

        /// <summary>Java's toString of the value (Spark calls row.get(i).toString).</summary>
        private static string ValueText(Column column, SparkType type, int r) => column switch
        {
            StringColumn s => s.Values[r]!,
            BooleanColumn b => b.Values[r] ? "true" : "false",
            LongColumn l => l.Values[r].ToString(CultureInfo.InvariantCulture),
            DoubleColumn d when type == SparkType.Float => JavaNumberFormat.FormatFloat((float)d.Values[r]),
            DoubleColumn d => JavaNumberFormat.FormatDouble(d.Values[r]),
            _ => "",
        };
    }
}
