using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.VectorAssembler (params only): concatenates numeric, boolean and
/// vector columns into one vector, emitting only non-zero values (NaN kept) and returning
/// Spark's <c>compressed</c> form. handleInvalid (2.4+): error (null anywhere, or NaN in a
/// scalar, fails), skip (rows with null, or NaN in a scalar, are dropped), keep (null scalar →
/// NaN, null vector → size NaNs). Before 2.4 a null always fails and NaN passes.
/// Follows Spark's VectorAssembler.scala (assemble, transform).
/// </summary>
public sealed class VectorAssembler(StageInfo info, IReadOnlyList<string> inputCols, string outputCol, string handleInvalid)
    : StageDefinition(info)
{
    public IReadOnlyList<string> InputCols { get; } = inputCols;

    public string OutputCol { get; } = outputCol;

    public string HandleInvalid { get; } = handleInvalid;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCols", string.Join(",", InputCols)),
        new("outputCol", OutputCol),
        new("handleInvalid", HandleInvalid),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (HandleInvalid is not ("error" or "skip" or "keep"))
            throw builder.Error(null, $"handleInvalid '{HandleInvalid}' is not one of error, skip, keep.");
        var inputs = new AssemblerInput[InputCols.Count];
        var attrs = new List<MlAttribute>();
        bool attrsKnown = true;
        for (int i = 0; i < inputs.Length; i++)
        {
            var col = builder.Read(InputCols[i], TypeSet.Numeric | TypeSet.Boolean | TypeSet.Vector, SparkType.Double);
            if (col.Type == SparkType.Vector)
            {
                int size = col.VectorSize;
                if (HandleInvalid == "keep" && size < 0)
                    throw builder.Error(col.Name, "has no known vector size, which handleInvalid = keep needs (Spark: \"consider using VectorSizeHint\"). Declare the size in the input schema or add a VectorSizeHint stage.");
                inputs[i] = new AssemblerInput(col.Name, col.Slot, IsVector: true, size);
                if (size >= 0 && col.Vector?.Attributes is { } va)
                    attrs.AddRange(va.Select((a, j) => a.WithName($"{col.Name}_{a.Name ?? j.ToString(CultureInfo.InvariantCulture)}")));
                else if (size >= 0)
                    attrs.AddRange(Enumerable.Range(0, size).Select(j => new MlAttribute(AttributeKind.Numeric, $"{col.Name}_{j}")));
                else
                    attrsKnown = false;
            }
            else
            {
                inputs[i] = new AssemblerInput(col.Name, builder.AsDouble(col), IsVector: false, 1);
                attrs.Add((col.Attribute is { Kind: not AttributeKind.Unresolved } a ? a : MlAttribute.Numeric).WithName(col.Name));
            }
        }
        var vector = attrsKnown ? new VectorAttributes(attrs.Count, attrs) : VectorAttributes.Unknown;
        var output = builder.AddColumn(OutputCol, SparkType.Vector, vector: vector);
        var mode = Info.Version.Before(2, 4) ? InvalidMode.Legacy : HandleInvalid switch
        {
            "skip" => InvalidMode.Skip,
            "keep" => InvalidMode.Keep,
            _ => InvalidMode.Error,
        };
        builder.AddKernel(new VectorAssemblerKernel(inputs, output.Slot, mode),
            inputs.Select(i => i.Slot).ToArray(), [output.Slot], dropsRows: mode == InvalidMode.Skip);
    }

    internal enum InvalidMode { Error, Skip, Keep, Legacy }

    internal readonly record struct AssemblerInput(string Name, int Slot, bool IsVector, int Size);
}
