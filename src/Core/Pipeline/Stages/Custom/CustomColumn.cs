namespace Ember.Pipeline;

/// <summary>
/// One input or output column of a <see cref="CustomStage"/>: its name and Spark type. Inputs of
/// type double accept any numeric or boolean column (cast as CAST(x AS DOUBLE)); other types must match.
/// </summary>
/// <param name="Name">Column name (as the saved stage's params give it, e.g. inputCol).</param>
/// <param name="Type">SparkType.String, Double, Long, Int, Boolean, Vector, StringArray or DoubleArray.</param>
public readonly record struct CustomColumn(string Name, SparkType Type);

/// <summary>The per-row function of a <see cref="CustomStage"/>: read inputs, write outputs.</summary>
public delegate void CustomRowTransform(ref CustomRow row);
