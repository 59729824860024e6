using System.Security.Cryptography;
using System.Text;
using Ember.Api;
using Ember.Configuration;

namespace Ember.Functions.Azure;

/// <summary>
/// The Functions host's key check for routes with authLevel "function", done by ember-azure itself
/// when <see cref="EmberSettings.FunctionKey"/> is set: running as the local server there is no
/// Functions host in front to do it. Anonymous, as in functions/*/function.json: the status page
/// ("/") and /api/health. The key comes as ?code= or x-functions-key, as the Functions host takes it.
/// </summary>
internal sealed class FunctionKeyCheck
{
    public const string QueryName = "code";
    public const string HeaderName = "x-functions-key";

    private readonly byte[]? _key;

    private FunctionKeyCheck(byte[]? key) => _key = key;

    public static FunctionKeyCheck Off { get; } = new(null);

    public bool Enabled => _key is not null;

    public static FunctionKeyCheck FromEnvironment(Func<string, string?> environment) =>
        environment(EmberSettings.FunctionKey) is { Length: > 0 } key ? new(Encoding.UTF8.GetBytes(key)) : Off;

    /// <summary>True when the request may go on: the check is off, the route is anonymous, or it carries the key.</summary>
    public bool Allows(HttpRequest request)
    {
        if (_key is null || IsAnonymous(request.Path.Value))
            return true;
        return Matches(request.Query[QueryName].ToString()) || Matches(request.Headers[HeaderName].ToString());
    }

    /// <summary>The routes of the anonymous functions (health, status); a layout test keeps this in step with function.json.</summary>
    public static bool IsAnonymous(string? path) =>
        path is null or "" or "/"
        || path.Equals("/api/health", StringComparison.OrdinalIgnoreCase) || path.Equals("/api/health/", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("/api/health/", StringComparison.OrdinalIgnoreCase) && path.IndexOf('/', "/api/health/".Length) < 0;

    public static ApiResponse Unauthorized() => HostProblem.Create(401, "Unauthorized", "function_key_required",
        $"This route needs the function key: add ?{QueryName}=<key> or the {HeaderName} header.");

    // Constant time: the comparison must not tell how much of a guess was right.
    private bool Matches(string given) =>
        given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _key);
}
