namespace Ember.Pipeline;

/// <summary>
/// Why one row was refused or dropped, as a value a user can act on: the column, the stage that
/// refused it, the offending value (rendered, never the whole row) and a message.
/// </summary>
/// <param name="Code">What kind of problem.</param>
/// <param name="Column">The column whose value was refused.</param>
/// <param name="Stage">The stage that refused it (Spark class short name and uid).</param>
/// <param name="Message">What is wrong and what would be accepted.</param>
/// <param name="Value">The offending value as text, when there is one.</param>
public sealed record ScoreError(ErrorCode Code, string Column, string Stage, string Message, string? Value = null)
{
    public override string ToString() =>
        Value is null ? $"{Column}: {Message} ({Stage})" : $"{Column}: {Message} (value {Value}; {Stage})";
}
