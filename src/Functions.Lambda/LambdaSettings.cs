using System.Globalization;
using Ember.Configuration;

namespace Ember.Functions.Lambda;

/// <summary>
/// The settings the Lambda host needs, read and checked once at start-up: a bad one is an init
/// error (reported to /runtime/init/error) naming the variable and what it should look like.
/// </summary>
internal sealed record LambdaSettings(string ModelStore, IReadOnlyDictionary<string, int> Numbers)
{
    /// <summary>Set by Lambda: how this sandbox is being initialised.</summary>
    public const string InitializationType = "AWS_LAMBDA_INITIALIZATION_TYPE";

    /// <summary>
    /// Whether EMBER_PRELOAD must be warm before the first poll for an event. An on-demand sandbox
    /// is started by the event that is already waiting, so the preload runs alongside the first
    /// poll and that event waits only for what is left of the load. A sandbox initialised ahead of
    /// traffic (provisioned concurrency, SnapStart, or a type this host does not know) is frozen as
    /// soon as it polls, which would also freeze a load in flight, so it warms first.
    /// </summary>
    public bool WarmBeforeFirstEvent { get; init; }

    private static readonly string[] NumericSettings =
    [
        EmberSettings.CacheMegabytes,
        EmberSettings.MaxRequestRows,
        EmberSettings.MaxRequestBytes,
        EmberSettings.AliasRefreshSeconds,
    ];

    public static LambdaSettings Read(Func<string, string?> environment)
    {
        string store = environment(EmberSettings.ModelStore) is { Length: > 0 } configured
            ? configured.Trim()
            : throw new HostConfigurationException(
                $"{EmberSettings.ModelStore} is not set: set it to where the models live, usually s3://bucket/prefix.");
        CheckModelStore(store);

        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string name in NumericSettings)
        {
            if (environment(name) is not { Length: > 0 } text) continue;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value <= 0)
                throw new HostConfigurationException($"{name} is \"{text}\": it must be a whole number above 0.");
            numbers[name] = value;
        }
        string initialization = environment(InitializationType)?.Trim() ?? "";
        return new LambdaSettings(store, numbers)
        {
            WarmBeforeFirstEvent = initialization.Length > 0 && !initialization.Equals("on-demand", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static void CheckModelStore(string store)
    {
        if (store.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            string bucket = store[5..].Split('/', 2)[0];
            if (!IsBucketName(bucket))
                throw new HostConfigurationException(
                    $"{EmberSettings.ModelStore} is \"{store}\": \"{bucket}\" is not an S3 bucket name (3-63 lower-case letters, digits, '.' or '-'); expected s3://bucket/prefix.");
            return;
        }
        bool known = store.StartsWith("file://", StringComparison.OrdinalIgnoreCase)
            || store.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || store.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || !store.Contains("://", StringComparison.Ordinal);
        if (!known)
            throw new HostConfigurationException(
                $"{EmberSettings.ModelStore} is \"{store}\": expected s3://bucket/prefix, a Blob container URL, a file:// URI or a path.");
    }

    private static bool IsBucketName(string name)
    {
        if (name.Length is < 3 or > 63) return false;
        foreach (char c in name)
            if (!(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c is '.' or '-')) return false;
        return char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]);
    }
}

/// <summary>A setting is missing or malformed; the message names it and says what is expected.</summary>
internal sealed class HostConfigurationException(string message) : Exception(message);
