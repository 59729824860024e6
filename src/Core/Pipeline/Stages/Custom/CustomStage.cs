namespace Ember.Pipeline;

/// <summary>
/// A stage whose transform is user code: a row-wise function from input columns to new output
/// columns, for a team's own Spark/PySpark Transformer (see docs/custom-stages.md). Plain data
/// plus a delegate: no reflection, AOT-safe. Outputs are added in order, as withColumn would.
/// </summary>
public sealed class CustomStage : StageDefinition
{
    private CustomStage(StageInfo info, IReadOnlyList<CustomColumn> inputs, IReadOnlyList<CustomColumn> outputs,
        CustomRowTransform transform, IReadOnlyList<KeyValuePair<string, string>> describedParams)
        : base(info)
    {
        Inputs = inputs;
        Outputs = outputs;
        Transform = transform;
        DescribedParams = describedParams;
    }

    public IReadOnlyList<CustomColumn> Inputs { get; }

    public IReadOnlyList<CustomColumn> Outputs { get; }

    public CustomRowTransform Transform { get; }

    private IReadOnlyList<KeyValuePair<string, string>> DescribedParams { get; }

    /// <summary>
    /// A row-wise stage: <paramref name="transform"/> runs once per row that is still Ok, reading
    /// <paramref name="inputs"/> and writing <paramref name="outputs"/> by position.
    /// </summary>
    /// <param name="info">The saved stage's identity (SavedStage.Info).</param>
    /// <param name="inputs">Columns read.</param>
    /// <param name="outputs">Columns added (must not exist yet, as in Spark).</param>
    /// <param name="transform">The per-row function; must not throw for bad values (call row.Fail instead).</param>
    /// <param name="describedParams">Params shown by `ember inspect` and the models API.</param>
    public static CustomStage RowWise(StageInfo info, IReadOnlyList<CustomColumn> inputs, IReadOnlyList<CustomColumn> outputs,
        CustomRowTransform transform, IReadOnlyList<KeyValuePair<string, string>>? describedParams = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(transform);
        if (outputs.Count == 0)
            throw new ArgumentException("a custom stage needs at least one output column.", nameof(outputs));
        foreach (var c in inputs.Concat(outputs))
            if (string.IsNullOrEmpty(c.Name) || c.Type is null || !IsSupported(c.Type))
                throw new ArgumentException($"custom column '{c.Name}' has an empty name or an unsupported type {c.Type}.");
        return new CustomStage(info, inputs.ToArray(), outputs.ToArray(), transform, describedParams ?? []);
    }

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCols", string.Join(",", Inputs.Select(i => $"{i.Name}:{i.Type}"))),
        new("outputCols", string.Join(",", Outputs.Select(o => $"{o.Name}:{o.Type}"))),
        .. DescribedParams,
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var inputSlots = new int[Inputs.Count];
        var names = new string[Inputs.Count];
        for (int i = 0; i < Inputs.Count; i++)
        {
            var wanted = Inputs[i].Type;
            if (wanted == SparkType.Double)
            {
                inputSlots[i] = builder.AsDouble(builder.Read(Inputs[i].Name, TypeSet.Numeric | TypeSet.Boolean, SparkType.Double));
            }
            else
            {
                var column = builder.Read(Inputs[i].Name, TypeSet.Any, wanted);
                if (StorageOf(column.Type) != StorageOf(wanted))
                    throw builder.Error(column.Name, $"has type {column.Type}, but this custom stage reads it as {wanted}.");
                inputSlots[i] = column.Slot;
            }
            names[i] = Inputs[i].Name;
        }
        var outputSlots = Outputs.Select(o => builder.AddColumn(o.Name, o.Type, nullable: true).Slot).ToArray();
        builder.AddKernel(new RowKernel(inputSlots, outputSlots, names, Transform), inputSlots, outputSlots, dropsRows: true);
    }

    private static bool IsSupported(SparkType t) => t.Kind is SparkTypeKind.String or SparkTypeKind.Double or SparkTypeKind.Float
        or SparkTypeKind.Long or SparkTypeKind.Int or SparkTypeKind.Short or SparkTypeKind.Byte or SparkTypeKind.Boolean or SparkTypeKind.Vector
        || t == SparkType.StringArray || (t.Kind == SparkTypeKind.Array && t.Element is { IsNumeric: true });

    /// <summary>The frame column class that stores a type (the accessor the transform will use).</summary>
    private static string StorageOf(SparkType t) => t.IsIntegral || t.Kind is SparkTypeKind.Date or SparkTypeKind.Timestamp ? "long"
        : t.IsFractional ? "double"
        : t.Kind == SparkTypeKind.Array ? (t.Element == SparkType.String ? "strings" : "doubles")
        : t.ToString();

    // Drops rows only when the transform calls Skip; marked dropsRows so pruning never removes it.
    private sealed class RowKernel(int[] inputs, int[] outputs, string[] names, CustomRowTransform transform) : Kernel
    {
        public override void Execute(Frame frame)
        {
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                foreach (int o in outputs)
                    frame.Columns[o].SetNull(r);
                var row = new CustomRow(frame, r, inputs, outputs, names, Stage);
                try
                {
                    transform(ref row);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // User code: one bad row must not take the batch (or the server) down.
                    frame.Fail(r, new ScoreError(ErrorCode.InvalidValue, names.Length > 0 ? names[0] : "", Stage,
                        $"the custom stage's transform threw {ex.GetType().Name}: {ex.Message}"));
                }
            }
        }
    }
}
