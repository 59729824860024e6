using Ember.Pipeline;

namespace Ember.Monitoring;

/// <summary>
/// Which columns of a pipeline are profiled and how: every raw input, and the default outputs
/// that say something about predictions (numeric predictions, class indexes, probability
/// vectors, string labels). Raw prediction vectors and features are left out: costly, and not
/// something a reviewer reads.
/// </summary>
internal sealed record ProfileSchema(IReadOnlyList<ColumnSpec> Inputs, IReadOnlyList<ColumnSpec> Outputs)
{
    public static ProfileSchema Of(CompiledPipeline pipeline)
    {
        var inputs = new List<ColumnSpec>();
        foreach (var input in pipeline.Inputs)
            if (InputKind(input.Type) is { } kind)
                inputs.Add(new ColumnSpec(input.Name, kind));
        var outputs = new List<ColumnSpec>();
        foreach (var output in pipeline.DefaultOutputs)
            if (OutputSpec(output) is { } spec)
                outputs.Add(spec);
        return new ProfileSchema(inputs, outputs);
    }

    /// <summary>The columns a stored baseline describes (its kinds win over what the pipeline would pick).</summary>
    public static ProfileSchema Of(ModelBaseline baseline)
    {
        static List<ColumnSpec> Specs(IReadOnlyList<ColumnProfileData>? columns)
        {
            var specs = new List<ColumnSpec>();
            foreach (var c in columns ?? [])
            {
                var kind = ProfileKinds.Parse(c.Kind, c.Name);
                int classes = kind switch
                {
                    ProfileKind.Probability => c.Probability?.Classes?.Length ?? 0,
                    ProfileKind.Class => ClassCount(c.Categorical),
                    _ => 0,
                };
                specs.Add(new ColumnSpec(c.Name, kind, classes));
            }
            return specs;
        }
        return new ProfileSchema(Specs(baseline.Inputs), Specs(baseline.Outputs));
    }

    public static ProfileKind? InputKind(SparkType type) => type.Kind switch
    {
        SparkTypeKind.Boolean => ProfileKind.Boolean,
        SparkTypeKind.String => ProfileKind.Categorical,
        SparkTypeKind.Vector or SparkTypeKind.Array => ProfileKind.Length,
        _ when type.IsNumeric || type.Kind is SparkTypeKind.Date or SparkTypeKind.Timestamp => ProfileKind.Numeric,
        _ => null,
    };

    private static ColumnSpec? OutputSpec(ColumnInfo column)
    {
        if (column.Type.Kind == SparkTypeKind.Vector)
        {
            // Spark's probabilityCol: a vector of numClasses whose name says so (default "probability").
            bool probability = column.Name.EndsWith("probability", StringComparison.OrdinalIgnoreCase) && column.VectorSize > 0;
            return probability ? new ColumnSpec(column.Name, ProfileKind.Probability, column.VectorSize) : null;
        }
        if (column.Type.Kind == SparkTypeKind.Double && column.Attribute is { Kind: AttributeKind.Nominal or AttributeKind.Binary, Cardinality: { } classes }
            && classes is > 0 and <= 10_000 && column.ProducedBy is not null)
            return new ColumnSpec(column.Name, ProfileKind.Class, classes);
        return InputKind(column.Type) is { } kind and not ProfileKind.Length ? new ColumnSpec(column.Name, kind) : null;
    }

    private static int ClassCount(CategoricalData? data)
    {
        int max = -1;
        foreach (var v in data?.Values ?? [])
            if (int.TryParse(v?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i) && i > max && i < 10_000)
                max = i;
        return max + 1;
    }
}
