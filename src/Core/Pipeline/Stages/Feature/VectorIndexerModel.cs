namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.VectorIndexerModel: replaces the value of each categorical slot by
/// its category index. Dense vectors map every categorical slot; sparse vectors only their stored
/// entries (Spark relies on 0.0 mapping to 0). A value missing from the slot's map (NaN always is):
/// error → row fails, keep (2.3+) → the map's size, skip (2.3+) → row dropped. The input must
/// have numFeatures slots; null fails. Output keeps the input's dense/sparse form; its attributes
/// mark categorical slots nominal (binary for two values without keep) with the sorted original
/// values as names. Follows Spark's VectorIndexer.scala (VectorIndexerModel).
/// </summary>
public sealed class VectorIndexerModel(StageInfo info, string inputCol, string outputCol, int numFeatures,
    IReadOnlyDictionary<int, IReadOnlyDictionary<double, int>> categoryMaps, string handleInvalid) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public int NumFeatures { get; } = numFeatures;

    /// <summary>Feature index → (original value → category index).</summary>
    public IReadOnlyDictionary<int, IReadOnlyDictionary<double, int>> CategoryMaps { get; } = categoryMaps;

    public string HandleInvalid { get; } = handleInvalid;

    public override long EstimatedBytes => 256 + CategoryMaps.Values.Sum(m => 64L + 24L * m.Count);

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("numFeatures", NumFeatures.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("categoricalFeatures", string.Join(",", CategoryMaps.Keys.Order())),
        new("handleInvalid", HandleInvalid),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var mode = InvalidHandlingParser.Parse(builder, HandleInvalid, InvalidHandling.Error, InvalidHandling.Skip, InvalidHandling.Keep);
        foreach (var feature in CategoryMaps.Keys)
        {
            if (feature < 0 || feature >= NumFeatures)
                throw builder.Error(InputCol, $"category map for feature {feature} is outside [0, {NumFeatures}).");
        }
        var input = builder.Read(InputCol, TypeSet.Vector, SparkType.Vector, NumFeatures);
        if (input.VectorSize >= 0 && input.VectorSize != NumFeatures)
            throw builder.Error(input.Name, $"has vectors of size {input.VectorSize}, but the VectorIndexerModel was fitted on {NumFeatures} features.");
        var output = builder.AddColumn(OutputCol, SparkType.Vector, vector: OutputAttributes(input.Vector?.Attributes, mode == InvalidHandling.Keep), nullable: false);
        var features = CategoryMaps.Keys.Order().ToArray();
        var maps = features.Select(f => NormalizedMap(CategoryMaps[f])).ToArray();
        builder.AddKernel(new VectorIndexerKernel(input.Name, input.Slot, output.Slot, NumFeatures, features, maps, mode),
            [input.Slot], [output.Slot], dropsRows: mode == InvalidHandling.Skip);
    }

    // Scala's Map[Double, Int] compares keys numerically: -0.0 and 0.0 are one key.
    private static Dictionary<double, int> NormalizedMap(IReadOnlyDictionary<double, int> map)
    {
        var result = new Dictionary<double, int>(map.Count);
        foreach (var (value, category) in map)
            result[value == 0.0 ? 0.0 : value] = category;
        return result;
    }

    /// <summary>Spark's partialFeatureAttributes merged with the input's per-slot attributes (prepOutputField).</summary>
    private VectorAttributes OutputAttributes(IReadOnlyList<MlAttribute>? original, bool keep)
    {
        if (original is not null && original.Count != NumFeatures)
            original = null;
        var attrs = new MlAttribute[NumFeatures];
        for (int i = 0; i < NumFeatures; i++)
        {
            var orig = original?[i];
            if (!CategoryMaps.TryGetValue(i, out var map))
            {
                attrs[i] = orig ?? MlAttribute.Numeric;
                continue;
            }
            var sorted = map.Keys.ToArray();
            Array.Sort(sorted, JavaMath.Compare);
            var values = new List<string>(sorted.Length + 1);
            foreach (var v in sorted)
                values.Add(JavaNumberFormat.FormatDouble(v));
            if (keep)
                values.Add(StringIndexerModel.UnknownLabel);
            attrs[i] = values.Count == 2 && !keep
                ? new MlAttribute(AttributeKind.Binary, orig?.Name, Values: values)
                : new MlAttribute(AttributeKind.Nominal, orig?.Name, values.Count, values);
        }
        return new VectorAttributes(NumFeatures, attrs);
    }
}
