namespace Ember.Pipeline;

/// <summary>
/// A raw column the pipeline reads from its input: derived from the stages (the first stage that
/// reads a column it did not receive from an earlier stage decides its type) or declared by the
/// user's schema.
/// </summary>
/// <param name="Name">Column name.</param>
/// <param name="Type">Type values are parsed as.</param>
/// <param name="Slot">Slot in the frame.</param>
/// <param name="Nullable">Whether null is an acceptable value (the stage handles it).</param>
/// <param name="ReadBy">The first stage reading it.</param>
/// <param name="Declared">True when the type came from a user schema rather than derivation.</param>
/// <param name="VectorSize">Expected vector size when known, else -1.</param>
public sealed record InputColumn(
    string Name,
    SparkType Type,
    int Slot,
    bool Nullable,
    string ReadBy,
    bool Declared,
    int VectorSize = -1);
