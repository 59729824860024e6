namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.VectorSlicer (params only): the positions in <c>indices</c>, then
/// those of <c>names</c> (resolved through the input's ML attribute names at compile time).
/// Dense → dense of the selected values; sparse → SparseVector.slice (stored selected entries,
/// re-indexed by selection order). Output attributes: the selected input attributes.
/// </summary>
public sealed class VectorSlicer(StageInfo info, string inputCol, string outputCol, int[] indices, string[] names) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public int[] Indices { get; } = indices;

    public string[] Names { get; } = names;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
        [new("inputCol", InputCol), new("outputCol", OutputCol), new("indices", string.Join(",", Indices)), new("names", string.Join(",", Names))];

    public override void Compile(PipelineBuilder builder)
    {
        if (Indices.Length + Names.Length == 0)
            throw builder.Error(null, "selects no features: both indices and names are empty.");
        var input = builder.Read(InputCol, TypeSet.Vector, SparkType.Vector);
        var selected = new List<int>(Indices);
        if (Names.Length > 0)
        {
            var attrs = input.Vector?.Attributes
                ?? throw builder.Error(InputCol, "has no ML attribute names, which VectorSlicer needs to resolve 'names'.");
            foreach (var name in Names)
            {
                int at = -1;
                for (int i = 0; i < attrs.Count; i++)
                    if (attrs[i].Name == name)
                        at = i;
                if (at < 0)
                    throw builder.Error(InputCol, $"has no feature named '{name}'.");
                selected.Add(at);
            }
        }
        if (selected.Distinct().Count() != selected.Count || selected.Any(i => i < 0))
            throw builder.Error(null, "selected features must be distinct and non-negative.");
        if (input.VectorSize >= 0 && selected.Any(i => i >= input.VectorSize))
            throw builder.Error(InputCol, $"has {input.VectorSize} features; a selected index is beyond that.");
        var positions = selected.ToArray();
        var outAttrs = input.Vector?.Attributes is { } a && input.VectorSize >= 0
            ? new VectorAttributes(positions.Length, positions.Select(i => a[i]).ToArray())
            : VectorAttributes.OfSize(positions.Length);
        var output = builder.AddColumn(OutputCol, SparkType.Vector, vector: outAttrs);
        builder.AddKernel(new SliceKernel(input.Name, input.Slot, output.Slot, positions), [input.Slot], [output.Slot]);
    }

    private sealed class SliceKernel(string name, int input, int output, int[] positions) : VectorMapKernel(name, input, output, -1)
    {
        protected override string? Map(in VectorView v, VectorColumn output, int row)
        {
            foreach (var p in positions)
                if (p >= v.Size)
                    return $"vector has size {v.Size}, but feature {p} is selected.";
            if (v.IsDense)
            {
                var y = output.AppendDense(row, positions.Length);
                for (int j = 0; j < positions.Length; j++)
                    y[j] = v.Values[positions[j]];
                return null;
            }
            var w = output.BeginSparse(row, positions.Length, positions.Length);
            int count = 0;
            for (int j = 0; j < positions.Length; j++)
            {
                int k = v.Indices.BinarySearch(positions[j]);
                if (k < 0)
                    continue;
                w.Indices[count] = j;
                w.Values[count++] = v.Values[k];
            }
            output.CommitSparse(row, count);
            return null;
        }
    }
}
