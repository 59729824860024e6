using System.Text;
using System.Text.Json;
using Ember.Api;

namespace Ember.Monitoring;

/// <summary>
/// The status page served at <c>/</c> of every host: one static HTML file with its style and
/// script inlined (embedded resources under Monitoring/StatusPage/, no build step). The script
/// reads the public API with the key the page was opened with; it shows nothing the API does not.
/// The same page, with a merged view embedded instead of API calls, is the `ember report` file.
/// </summary>
public static class StatusPage
{
    private static readonly Lazy<string> Page = new(() => Compose("/* live: reads the API */"));
    private static readonly Lazy<byte[]> PageBytes = new(() => Encoding.UTF8.GetBytes(Page.Value));

    /// <summary>The live page.</summary>
    public static string Html => Page.Value;

    /// <summary>The live page as an HTTP response (hosts answer GET / with it).</summary>
    public static ApiResponse Response() => new(200, "text/html; charset=utf-8", PageBytes.Value,
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Cache-Control"] = "no-cache",
            ["X-Content-Type-Options"] = "nosniff",
            // Only its own inline script and style, and API calls to its own origin.
            ["Content-Security-Policy"] = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:",
        });

    /// <summary>A self-contained report: the page with <paramref name="view"/> embedded, no API calls.</summary>
    public static string Report(ModelMonitorView view, string title)
    {
        // The default encoder escapes '<', '>' and '&', so the JSON cannot close the script element.
        string json = JsonSerializer.Serialize(view, EmberJsonContext.Default.ModelMonitorView);
        string titleJson = JsonSerializer.Serialize(title, EmberJsonContext.Default.String);
        return Compose($"window.EMBER_REPORT = {{ \"title\": {titleJson}, \"view\": {json} }};");
    }

    private static string Compose(string data) => Resource("index.html")
        .Replace("/*EMBER_CSS*/", Resource("status.css"), StringComparison.Ordinal)
        .Replace("/*EMBER_DATA*/", data, StringComparison.Ordinal)
        .Replace("/*EMBER_JS*/", Resource("status.js"), StringComparison.Ordinal);

    private static string Resource(string name)
    {
        using var stream = typeof(StatusPage).Assembly.GetManifestResourceStream("Ember.StatusPage." + name)
            ?? throw new InvalidOperationException($"The status page asset '{name}' is not embedded in Ember.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
