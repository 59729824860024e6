namespace Ember.Functions.Azure.Invocations;

internal enum FunctionKind
{
    /// <summary>HTTP trigger + HTTP output: normally forwarded as the raw request, else an envelope.</summary>
    Http,

    /// <summary>Queue trigger on <see cref="FunctionCatalog.JobQueue"/>: always an envelope.</summary>
    Queue,
}

/// <summary>
/// The functions declared in functions/&lt;name&gt;/function.json (a test checks the two agree).
/// The Functions host POSTs non-forwarded invocations to /&lt;name&gt;; the binding names below are
/// the keys of Data (inputs) and Outputs in those envelopes.
/// </summary>
internal static class FunctionCatalog
{
    public const string HttpTriggerBinding = "req";
    public const string HttpOutputBinding = "res";
    public const string QueueTriggerBinding = "job";
    public const string JobQueue = "ember-jobs";

    public static IReadOnlyDictionary<string, FunctionKind> Functions { get; } =
        new Dictionary<string, FunctionKind>(StringComparer.OrdinalIgnoreCase)
        {
            ["predict"] = FunctionKind.Http,
            ["models"] = FunctionKind.Http,
            ["health"] = FunctionKind.Http,
            ["metrics"] = FunctionKind.Http,
            ["status"] = FunctionKind.Http,
            ["batch"] = FunctionKind.Queue,
        };

    /// <summary>True for the host's invocation POST /&lt;function&gt; (never an /api route: those have two or more segments).</summary>
    public static bool TryMatchInvocation(HttpRequest request, out string function, out FunctionKind kind)
    {
        function = "";
        kind = default;
        if (!HttpMethods.IsPost(request.Method) || request.Path.Value is not { Length: > 1 } path || path.IndexOf('/', 1) >= 0)
            return false;
        if (!Functions.TryGetValue(path[1..], out kind))
            return false;
        function = path[1..].ToLowerInvariant();
        return true;
    }
}
