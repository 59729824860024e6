namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.RFormulaModel: its saved pipelineModel (StringIndexer,
/// OneHotEncoder, Interaction, VectorSizeHint, VectorAssembler, VectorAttributeRewriter,
/// ColumnPruner and, for a string label, a label StringIndexer) does the work; then, when the
/// formula has a label, <c>labelCol</c> is not a column yet and the label column is numeric or
/// boolean, <c>labelCol = CAST(label AS DOUBLE)</c> (transformLabel). Refuses a features column
/// that already exists and an existing non-numeric labelCol (checkCanTransform).
/// Follows Spark's RFormula.scala (RFormulaModel.transform).
/// </summary>
public sealed class RFormulaModel(StageInfo info, string formula, string label, string featuresCol, string labelCol, StageDefinition pipelineModel)
    : StageDefinition(info)
{
    public string Formula { get; } = formula;

    /// <summary>The formula's response column ("" when the formula has none).</summary>
    public string Label { get; } = label;

    public string FeaturesCol { get; } = featuresCol;

    public string LabelCol { get; } = labelCol;

    public StageDefinition PipelineModel { get; } = pipelineModel;

    public override IReadOnlyList<StageDefinition> Children => [PipelineModel];

    public override long EstimatedBytes => PipelineModel.EstimatedBytes;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("formula", Formula),
        new("featuresCol", FeaturesCol),
        new("labelCol", LabelCol),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (builder.TryGetColumn(FeaturesCol, out _))
            throw builder.Error(FeaturesCol, "already exists; RFormulaModel refuses to overwrite its features column (\"Features column already exists.\").");
        if (builder.TryGetColumn(LabelCol, out var existing) && !existing.Type.IsNumeric)
            throw builder.Error(LabelCol, $"already exists with type {existing.Type}; RFormulaModel needs it numeric (\"Label column already exists and is not of type numeric.\").");
        builder.AddStage(PipelineModel);
        // labelCol naming the label itself (as jpmml's GLM pipelines do) is hasLabelCol: nothing to add.
        if (Label.Length == 0 || string.Equals(Label, LabelCol, StringComparison.OrdinalIgnoreCase) || builder.TryGetColumn(LabelCol, out _))
            return;
        // The label is a raw input only a training frame holds: reading it here makes it an
        // optional input, needed only when the cast label column is asked for.
        var label = builder.Read(Label, TypeSet.Numeric | TypeSet.Boolean, SparkType.Double);
        int slot = builder.AsDouble(label);
        var output = builder.AddColumn(LabelCol, SparkType.Double, nullable: true);
        builder.AddKernel(new CopyDoubleKernel(slot, output.Slot), [slot], [output.Slot]);
    }

    /// <summary>labelCol = the label as a double (nulls stay null).</summary>
    private sealed class CopyDoubleKernel(int source, int target) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var from = frame.Column<DoubleColumn>(source);
            var to = frame.Column<DoubleColumn>(target);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (from.IsNull(r))
                    to.SetNull(r);
                else
                    to.Set(r, from.Values[r]);
            }
        }
    }
}
