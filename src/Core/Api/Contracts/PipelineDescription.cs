using Ember.Pipeline;
using Ember.Spark;

namespace Ember.Api;

/// <summary>What a loaded model is: its stages with resolved params, input schema and outputs (`ember inspect`, the models API).</summary>
public sealed record PipelineDescription(
    string Source,
    string SparkVersion,
    string RootClass,
    IReadOnlyList<StageDescription> Stages,
    IReadOnlyList<InputDescription> Inputs,
    IReadOnlyList<ColumnDescription> Outputs,
    IReadOnlyList<ColumnDescription> Columns)
{
    public static PipelineDescription Of(SparkModel model, CompiledPipeline pipeline)
    {
        var added = pipeline.Stages.GroupBy(s => s.Info.Path).ToDictionary(g => g.Key, g => g.First().AddedColumns);
        var stages = model.LeafStages().Select(s => new StageDescription(
            s.Info.ShortClass,
            s.Info.SparkClass,
            s.Info.Uid,
            s.Info.Path,
            s.Info.Version.ToString(),
            s.DescribeParams().ToDictionary(p => p.Key, p => p.Value),
            added.TryGetValue(s.Info.Path, out var cols) ? cols : [])).ToList();
        return new PipelineDescription(
            model.Source,
            model.SparkVersion.ToString(),
            model.Root.Info.SparkClass,
            stages,
            pipeline.Inputs.Select(i => new InputDescription(i.Name, i.Type.ToString(), i.Nullable, i.VectorSize >= 0 ? i.VectorSize : null, i.ReadBy)).ToList(),
            pipeline.DefaultOutputs.Select(ColumnDescription.Of).ToList(),
            pipeline.Columns.Select(ColumnDescription.Of).ToList());
    }
}

public sealed record StageDescription(
    string Class,
    string SparkClass,
    string Uid,
    string Path,
    string SparkVersion,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyList<string> Outputs);

public sealed record InputDescription(string Name, string Type, bool Nullable, int? VectorSize, string ReadBy);

public sealed record ColumnDescription(string Name, string Type, int? VectorSize)
{
    public static ColumnDescription Of(ColumnInfo c) => new(c.Name, c.Type.ToString(), c.VectorSize >= 0 ? c.VectorSize : null);
}
