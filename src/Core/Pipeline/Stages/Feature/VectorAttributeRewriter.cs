namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.VectorAttributeRewriter (private to RFormula): renames the slot
/// attributes of <c>vectorCol</c> whose name starts with a key of <c>prefixesToRewrite</c> (the
/// first matching key wins) and moves the column to the end of the schema. Values are untouched.
/// Follows Spark's RFormula.scala (VectorAttributeRewriter.transform).
/// </summary>
public sealed class VectorAttributeRewriter(StageInfo info, string vectorCol, IReadOnlyList<KeyValuePair<string, string>> prefixesToRewrite)
    : StageDefinition(info)
{
    public string VectorCol { get; } = vectorCol;

    public IReadOnlyList<KeyValuePair<string, string>> PrefixesToRewrite { get; } = prefixesToRewrite;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("vectorCol", VectorCol),
        new("prefixesToRewrite", string.Join(", ", PrefixesToRewrite.Select(p => $"{p.Key}→{p.Value}"))),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var column = builder.Read(VectorCol, TypeSet.Vector, SparkType.Vector);
        var group = column.Vector ?? VectorAttributes.Unknown;
        if (group.Attributes is { } attrs)
        {
            var renamed = attrs.Select(a => a.Name is { } name && Rewrite(name) is { } rewritten ? a.WithName(rewritten) : a).ToList();
            column = builder.UpdateColumn(column with { Vector = group with { Attributes = renamed } });
        }
        builder.SetSchema(builder.Schema.Where(c => c.Slot != column.Slot).Append(column).ToList());
    }

    private string? Rewrite(string name)
    {
        foreach (var (prefix, replacement) in PrefixesToRewrite)
            if (name.StartsWith(prefix, StringComparison.Ordinal))
                return replacement + name[prefix.Length..];
        return null;
    }
}
