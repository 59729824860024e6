using System.Globalization;
using Ember.Configuration;

namespace Ember.Functions.Azure;

/// <summary>
/// Where the server listens. Under the Functions host the port is not ours to choose: the host
/// picks a free loopback port and only ever talks to http://127.0.0.1:&lt;port&gt;.
/// </summary>
internal static class ListenAddress
{
    /// <summary>The same port as `func start`, so local URLs look like the deployed ones.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>Legacy alias of FUNCTIONS_CUSTOMHANDLER_PORT that hosts still set.</summary>
    public const string LegacyFunctionsPort = "FUNCTIONS_HTTPWORKER_PORT";

    /// <summary>
    /// Resolves the URLs to bind, in order: the Functions host's port (FUNCTIONS_CUSTOMHANDLER_PORT,
    /// then its legacy alias), else the configured urls (--urls or ASPNETCORE_URLS, which the web
    /// host folds into the "urls" setting), else <see cref="DefaultUrl"/>.
    /// </summary>
    /// <returns>The URLs, or an error naming the setting and its bad value.</returns>
    public static (string? Urls, string? Error) Resolve(Func<string, string?> environment, string? configuredUrls)
    {
        foreach (var name in new[] { EmberSettings.FunctionsCustomHandlerPort, LegacyFunctionsPort })
        {
            var value = environment(name);
            if (string.IsNullOrWhiteSpace(value))
                continue;
            if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                return (null, $"{name}='{value}' is not a TCP port (1-65535); it is set by the Azure Functions host and must not be edited.");
            return ("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), null);
        }
        return (string.IsNullOrWhiteSpace(configuredUrls) ? DefaultUrl : configuredUrls.Trim(), null);
    }
}
