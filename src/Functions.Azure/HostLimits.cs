using System.Globalization;
using Ember.Configuration;

namespace Ember.Functions.Azure;

/// <summary>Request size limits, read once at start from EMBER_MAX_BODY_BYTES.</summary>
internal sealed record HostLimits(long MaxRequestBytes)
{
    public const long DefaultMaxRequestBytes = 4L * 1024 * 1024;

    /// <summary>256 MiB: a body is held whole in memory, and the envelope limit (twice this) must fit an int.</summary>
    public const long MaxConfigurableBytes = 256L * 1024 * 1024;

    /// <summary>
    /// An invocation envelope from the Functions host wraps the user's body in JSON: base64 grows
    /// it by 4/3 and JSON escaping can double it, plus headers and metadata. The user's body is
    /// checked against <see cref="MaxRequestBytes"/> again once it has been unwrapped.
    /// </summary>
    public long MaxEnvelopeBytes => MaxRequestBytes * 2 + 64 * 1024;

    public static (HostLimits? Limits, string? Error) FromEnvironment(Func<string, string?> environment)
    {
        var value = environment(EmberSettings.MaxRequestBytes);
        if (string.IsNullOrWhiteSpace(value))
            return (new HostLimits(DefaultMaxRequestBytes), null);
        if (!long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes is < 1 or > MaxConfigurableBytes)
            return (null, $"{EmberSettings.MaxRequestBytes}='{value}' is not a byte count between 1 and {MaxConfigurableBytes}.");
        return (new HostLimits(bytes), null);
    }
}
