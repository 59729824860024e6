namespace Ember.Api;

/// <summary>
/// An RFC 9457 problem (application/problem+json). Typed, so the source generator writes it
/// without reflection: the validation list is a real property, not an untyped extension.
/// </summary>
/// <param name="Type">Stable URI naming the kind of problem (see <see cref="ProblemTypes"/>).</param>
/// <param name="Title">Short summary of the kind of problem; the same for every occurrence.</param>
/// <param name="Status">HTTP status.</param>
/// <param name="Detail">What went wrong this time, and what would be accepted.</param>
/// <param name="Errors">For validation problems: one entry per column and problem.</param>
public sealed record ProblemDetails(
    string Type,
    string Title,
    int Status,
    string Detail,
    IReadOnlyList<ProblemError>? Errors = null);

/// <summary>One validation problem: the column, what is wrong, and where.</summary>
/// <param name="Column">The input (or output) column concerned; empty for a problem with the request's shape.</param>
/// <param name="Problem">What is wrong and what would be accepted.</param>
/// <param name="Value">The offending value as text (truncated), when there is one.</param>
/// <param name="Stage">The pipeline stage that refused the value, when one did.</param>
/// <param name="Row">Index of the row in the request (0-based), for row-level problems.</param>
/// <param name="Code">Machine-readable kind (missing-column, wrong-type, unseen-value...).</param>
public sealed record ProblemError(
    string Column,
    string Problem,
    string? Value = null,
    string? Stage = null,
    int? Row = null,
    string? Code = null);
