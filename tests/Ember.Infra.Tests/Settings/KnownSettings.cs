using System.Reflection;
using Ember.Configuration;

namespace Ember.Infra.Tests.Settings;

/// <summary>
/// The setting names a deployment may set: the constants of EmberSettings (what the hosts read,
/// the one source of truth) plus platform settings that the Functions host or Lambda read
/// themselves, each documented by the platform.
/// </summary>
internal static class KnownSettings
{
    /// <summary>Every const string of EmberSettings, read by reflection so a new setting needs no test change.</summary>
    public static IReadOnlySet<string> Ember { get; } = typeof(EmberSettings)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Settings of the Azure Functions host (app settings reference, identity-based connections,
    /// Application Insights Entra authentication). The identity form of a connection is the
    /// connection name, "__", and one of <see cref="IdentityConnectionSuffixes"/>.
    /// </summary>
    public static IReadOnlySet<string> AzureFunctionsPlatform { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE",
    };

    /// <summary>Suffixes of an identity-based connection (accountName, service URIs, credential).</summary>
    public static IReadOnlySet<string> IdentityConnectionSuffixes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "accountName", "blobServiceUri", "queueServiceUri", "tableServiceUri", "credential", "clientId",
    };

    /// <summary>Settings Flex Consumption refuses: the plan sets runtime, scale and deployment itself.</summary>
    public static IReadOnlySet<string> RejectedByFlexConsumption { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "FUNCTIONS_EXTENSION_VERSION",
        "FUNCTIONS_MAX_HTTP_CONCURRENCY",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_CONTENTSHARE",
        "WEBSITE_NODE_DEFAULT_VERSION",
    };

    /// <summary>What every deployment must set for the host to find its models.</summary>
    public static IReadOnlyList<string> RequiredByEveryDeployment { get; } = [EmberSettings.ModelStore];

    /// <summary>Why a Function App setting name is acceptable, or null when it is unknown.</summary>
    public static string? AzureReason(string name)
    {
        if (Ember.Contains(name)) return "EmberSettings";
        if (AzureFunctionsPlatform.Contains(name)) return "Functions platform";
        // The host resolves AzureWebJobsStorage itself, so only it has an identity-based form.
        string identityPrefix = EmberSettings.AzureWebJobsStorage + "__";
        if (name.StartsWith(identityPrefix, StringComparison.Ordinal) && IdentityConnectionSuffixes.Contains(name[identityPrefix.Length..]))
            return "identity-based AzureWebJobsStorage";
        return null;
    }
}
