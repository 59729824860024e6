namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.ColumnPruner (private to RFormula): drops the temporary columns
/// listed in <c>columnsToPrune</c> (names absent from the frame are ignored, as Spark's filter is).
/// Follows Spark's RFormula.scala (ColumnPruner.transform).
/// </summary>
public sealed class ColumnPruner(StageInfo info, IReadOnlyList<string> columnsToPrune) : StageDefinition(info)
{
    public IReadOnlyList<string> ColumnsToPrune { get; } = columnsToPrune;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
        [new("columnsToPrune", string.Join(",", ColumnsToPrune))];

    public override void Compile(PipelineBuilder builder)
    {
        var prune = new HashSet<string>(ColumnsToPrune, StringComparer.Ordinal);
        builder.SetSchema(builder.Schema.Where(c => !prune.Contains(c.Name)).ToList());
    }
}
