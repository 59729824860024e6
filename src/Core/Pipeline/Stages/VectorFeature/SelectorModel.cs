namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.ChiSqSelectorModel, UnivariateFeatureSelectorModel (3.1+) and
/// VarianceThresholdSelectorModel (3.1+): keep the features at sorted(selectedFeatures), in that
/// order; dense → dense, sparse → sparse re-indexed 0..n−1 (stored entries only). Output
/// attributes: the kept input attributes.
/// </summary>
public sealed class SelectorModel(StageInfo info, string featuresCol, string outputCol, int[] selectedFeatures) : StageDefinition(info)
{
    public string FeaturesCol { get; } = featuresCol;

    public string OutputCol { get; } = outputCol;

    public int[] SelectedFeatures { get; } = selectedFeatures;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
        [new("featuresCol", FeaturesCol), new("outputCol", OutputCol), new("selectedFeatures", string.Join(",", SelectedFeatures))];

    public override void Compile(PipelineBuilder builder)
    {
        var kept = SelectedFeatures.Distinct().Order().ToArray();
        var input = builder.Read(FeaturesCol, TypeSet.Vector, SparkType.Vector);
        if (input.VectorSize >= 0 && kept.Length > 0 && kept[^1] >= input.VectorSize)
            throw builder.Error(FeaturesCol, $"has {input.VectorSize} features; the selector keeps feature {kept[^1]}.");
        var attrs = input.Vector?.Attributes is { } a && input.VectorSize >= 0
            ? new VectorAttributes(kept.Length, kept.Select(i => a[i]).ToArray())
            : VectorAttributes.OfSize(kept.Length);
        var output = builder.AddColumn(OutputCol, SparkType.Vector, vector: attrs);
        builder.AddKernel(new SelectKernel(input.Name, input.Slot, output.Slot, kept), [input.Slot], [output.Slot]);
    }

    private sealed class SelectKernel(string name, int input, int output, int[] kept) : VectorMapKernel(name, input, output, -1)
    {
        protected override string? Map(in VectorView v, VectorColumn output, int row)
        {
            if (kept.Length > 0 && kept[^1] >= v.Size)
                return $"vector has size {v.Size}, but the selector keeps feature {kept[^1]}.";
            if (v.IsDense)
            {
                var y = output.AppendDense(row, kept.Length);
                for (int j = 0; j < kept.Length; j++)
                    y[j] = v.Values[kept[j]];
                return null;
            }
            var w = output.BeginSparse(row, kept.Length, Math.Min(kept.Length, v.StoredCount));
            int count = 0, s = 0;
            // Both lists are sorted: one merge pass.
            for (int t = 0; t < v.StoredCount && s < kept.Length; t++)
            {
                int index = v.Indices[t];
                while (s < kept.Length && kept[s] < index)
                    s++;
                if (s < kept.Length && kept[s] == index)
                {
                    w.Indices[count] = s;
                    w.Values[count++] = v.Values[t];
                }
            }
            output.CommitSparse(row, count);
            return null;
        }
    }
}
