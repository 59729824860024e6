using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.Interaction (params only): the outer product of its encoded inputs.
/// A scalar with a nominal attribute is one-hot encoded over its cardinality (the value must be an
/// integral index below it), other scalars contribute their value; a vector contributes each slot
/// that way by its per-slot attributes, which Spark requires (binary slots count as numeric). The
/// first input is the most significant; products start from the last input
/// (((1.0 · v_last) · …) · v_first). Output compressed; null input fails the row. Output attribute
/// names follow Spark (e.g. "a:b_foo", "c_x" for nominal value x); RFormula reads them.
/// Follows Spark's Interaction.scala (Interaction, EncodingIterator).
/// </summary>
public sealed class Interaction(StageInfo info, IReadOnlyList<string> inputCols, string outputCol) : StageDefinition(info)
{
    public IReadOnlyList<string> InputCols { get; } = inputCols;

    public string OutputCol { get; } = outputCol;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCols", string.Join(",", InputCols)),
        new("outputCol", OutputCol),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (InputCols.Count == 0)
            throw builder.Error(null, "has no input columns.");
        if (InputCols.Distinct(StringComparer.OrdinalIgnoreCase).Count() != InputCols.Count)
            throw builder.Error(null, "input columns must be distinct.");
        var fields = new InteractionKernel.Field[InputCols.Count];
        var encodedNames = new List<(string Name, AttributeKind Kind)>[InputCols.Count];
        long size = 1;
        for (int i = 0; i < fields.Length; i++)
        {
            var input = builder.Read(InputCols[i], TypeSet.Numeric | TypeSet.Boolean | TypeSet.Vector, SparkType.Double);
            int[] cardinalities;
            if (input.Type == SparkType.Vector)
            {
                var attrs = input.Vector?.Attributes
                    ?? throw builder.Error(input.Name, "has no per-slot ML attributes; Spark's Interaction requires them for vector inputs (\"Vector attributes must be defined for interaction\"). Assemble the vector with VectorAssembler or one-hot encoding earlier in the pipeline.");
                cardinalities = attrs.Select(a => Cardinality(builder, input.Name, a)).ToArray();
                encodedNames[i] = EncodedNames(input.Name, attrs);
                fields[i] = new InteractionKernel.Field(input.Name, input.Slot, IsVector: true, cardinalities, EncodedSize(cardinalities));
            }
            else
            {
                var attr = input.Attribute is { Kind: not AttributeKind.Unresolved } a ? a.WithName(input.Name) : MlAttribute.Unresolved;
                cardinalities = [Cardinality(builder, input.Name, attr)];
                encodedNames[i] = EncodedNames(null, [attr]);
                fields[i] = new InteractionKernel.Field(input.Name, builder.AsDouble(input), IsVector: false, cardinalities, EncodedSize(cardinalities));
            }
            size *= fields[i].EncodedSize;
            if (size > Array.MaxLength)
                throw builder.Error(null, $"the interaction of these inputs would have more than {Array.MaxLength} slots.");
        }
        var output = builder.AddColumn(OutputCol, SparkType.Vector, vector: OutputAttributes(encodedNames, (int)size), nullable: false);
        builder.AddKernel(new InteractionKernel(fields, output.Slot, (int)size), fields.Select(f => f.Slot).ToArray(), [output.Slot]);
    }

    private static int EncodedSize(int[] cardinalities)
    {
        long n = 0;
        foreach (var c in cardinalities)
            n += c > 0 ? c : 1;
        return (int)Math.Min(n, int.MaxValue);
    }

    /// <summary>Nominal → number of values (required); anything else is numeric (0).</summary>
    private static int Cardinality(PipelineBuilder builder, string column, MlAttribute attr) => attr.Kind == AttributeKind.Nominal
        ? attr.Cardinality ?? throw builder.Error(column, "has a nominal attribute without a number of values; Spark's Interaction needs it.")
        : 0;

    /// <summary>Spark's getAttributesAfterEncoding: "group_name_value" parts, missing parts left out.</summary>
    private static List<(string, AttributeKind)> EncodedNames(string? group, IReadOnlyList<MlAttribute> attrs)
    {
        var names = new List<(string, AttributeKind)>();
        for (int i = 0; i < attrs.Count; i++)
        {
            var a = attrs[i];
            string slotName = a.Name ?? i.ToString(CultureInfo.InvariantCulture);
            string prefix = group is null ? slotName : group + "_" + slotName;
            if (a.Kind == AttributeKind.Nominal)
            {
                if (a.Values is { } values)
                    names.AddRange(values.Select(v => (prefix + "_" + v, AttributeKind.Binary)));
                else
                    names.AddRange(Enumerable.Range(0, a.Cardinality ?? 0).Select(j => (prefix + "_" + j.ToString(CultureInfo.InvariantCulture), AttributeKind.Binary)));
            }
            else
            {
                names.Add((prefix, AttributeKind.Numeric));
            }
        }
        return names;
    }

    /// <summary>Spark's generateAttrs: "head:tail" names, first input outermost; combined slots are numeric.</summary>
    private static VectorAttributes OutputAttributes(List<(string Name, AttributeKind Kind)>[] encoded, int size)
    {
        var attrs = encoded[^1];
        for (int i = encoded.Length - 2; i >= 0; i--)
        {
            var combined = new List<(string, AttributeKind)>(encoded[i].Count * attrs.Count);
            foreach (var head in encoded[i])
                foreach (var tail in attrs)
                    combined.Add((head.Name + ":" + tail.Name, AttributeKind.Numeric));
            attrs = combined;
        }
        return attrs.Count == size
            ? new VectorAttributes(size, attrs.Select(a => new MlAttribute(a.Kind, a.Name)).ToArray())
            : VectorAttributes.OfSize(size);
    }
}
