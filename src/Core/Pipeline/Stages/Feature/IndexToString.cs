namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.IndexToString (params only): maps an index column back to labels —
/// the <c>labels</c> param when set and non-empty, else the input column's nominal attribute
/// values. The index is CAST(x AS DOUBLE) truncated to int the Java way (NaN → 0); outside
/// [0, numLabels) Spark throws "Unseen index", so the row fails. null → null.
/// Follows Spark's StringIndexer.scala (IndexToString).
/// </summary>
public sealed class IndexToString(StageInfo info, string inputCol, string outputCol, IReadOnlyList<string>? labels) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    /// <summary>The labels param; null or empty means "use the input's attribute".</summary>
    public IReadOnlyList<string>? Labels { get; } = labels;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("labels", Labels is { Count: > 0 } l ? string.Join(",", l) : "(from the input column's attribute)"),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var input = builder.Read(InputCol, TypeSet.Numeric, SparkType.Double);
        IReadOnlyList<string> values;
        if (Labels is { Count: > 0 })
            values = Labels;
        else if (input.Attribute is { Kind: AttributeKind.Nominal, Values: { } attributeValues })
            values = attributeValues;
        else
            throw builder.Error(input.Name, "has no nominal attribute with label values and the stage has no labels param; Spark reads the labels from the attribute a StringIndexer attaches. Set the labels param or index the column with a StringIndexer first.");
        var output = builder.AddColumn(OutputCol, SparkType.String, nullable: true);
        int source = builder.AsDouble(input);
        builder.AddKernel(new IndexToStringKernel(input.Name, source, output.Slot, values.ToArray()), [source], [output.Slot]);
    }

    private sealed class IndexToStringKernel(string name, int input, int output, string[] labels) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var source = frame.Column<DoubleColumn>(input);
            var target = frame.Column<StringColumn>(output);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (source.IsNull(r))
                {
                    target.Set(r, null);
                    continue;
                }
                double x = source.Values[r];
                int index = JavaMath.DoubleToInt(x);
                if (index < 0 || index >= labels.Length)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.OutOfRange, name, Stage,
                        $"unseen index: there are {labels.Length} labels, so the index must be in [0, {labels.Length}).",
                        JavaNumberFormat.FormatDouble(x)));
                    continue;
                }
                target.Set(r, labels[index]);
            }
        }
    }
}
