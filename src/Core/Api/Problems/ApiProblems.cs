using System.Globalization;

namespace Ember.Api;

/// <summary>Builds problem+json responses; status and title come from <see cref="ProblemTypes.Describe"/>.</summary>
internal static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    /// <summary>At most this many errors are listed; a 10k-column body must not produce a 10k-entry answer.</summary>
    public const int MaxListedErrors = 50;

    public static ApiResponse Create(string type, string detail, IReadOnlyList<ProblemError>? errors = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var (status, title) = ProblemTypes.Describe(type);
        var problem = new ProblemDetails(type, title, status, detail, errors is { Count: > 0 } ? errors : null);
        return JsonResponses.Create(status, problem, EmberJsonContext.Default.ProblemDetails, headers, ContentType);
    }

    public static ApiResponse Unavailable(string detail, TimeSpan retryAfter)
    {
        int seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture),
        };
        return Create(ProblemTypes.ModelUnavailable, detail, null, headers);
    }

    /// <summary>Shortens a value for an error message: enough to recognise it, never a whole payload.</summary>
    public static string Excerpt(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "...");
}
