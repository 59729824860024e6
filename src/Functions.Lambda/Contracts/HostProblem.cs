namespace Ember.Functions.Lambda.Contracts;

/// <summary>
/// An RFC 9457 problem the host itself answers with (before a request reaches the API), in the
/// same shape as the API's problem+json errors.
/// </summary>
internal sealed record HostProblem(string Type, string Title, int Status, string Detail);
