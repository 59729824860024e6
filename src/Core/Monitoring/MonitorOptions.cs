using System.Globalization;
using Ember.Configuration;

namespace Ember.Monitoring;

/// <summary>How monitoring runs in a host.</summary>
/// <param name="Enabled">False: no monitor is created and the scoring path does nothing extra.</param>
/// <param name="Window">Length of a window: profiles roll over and a snapshot is flushed once per window.</param>
/// <param name="Instance">Names this instance in snapshot keys (unique per process).</param>
public sealed record MonitorOptions(bool Enabled, TimeSpan Window, string Instance)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    /// <summary>Lambda instances live minutes, not hours: shorter windows lose less when one is reclaimed.</summary>
    public static readonly TimeSpan ServerlessWindow = TimeSpan.FromMinutes(1);

    public static MonitorOptions Default { get; } = new(true, DefaultWindow, NewInstanceId());

    /// <summary>Reads <see cref="EmberSettings.Monitor"/> and <see cref="EmberSettings.MonitorWindowSeconds"/>.</summary>
    /// <exception cref="FormatException">A setting that does not parse; the message names it.</exception>
    public static MonitorOptions FromEnvironment(Func<string, string?> environment, TimeSpan? defaultWindow = null)
    {
        bool enabled = environment(EmberSettings.Monitor) is not { } flag
            || !(flag.Equals("off", StringComparison.OrdinalIgnoreCase) || flag.Equals("false", StringComparison.OrdinalIgnoreCase) || flag == "0");
        var window = defaultWindow ?? DefaultWindow;
        if (environment(EmberSettings.MonitorWindowSeconds) is { Length: > 0 } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) || seconds is < 10 or > 86_400)
                throw new FormatException($"{EmberSettings.MonitorWindowSeconds}='{text}' is not a number of seconds between 10 and 86400");
            window = TimeSpan.FromSeconds(seconds);
        }
        return new MonitorOptions(enabled, window, NewInstanceId());
    }

    /// <summary>Short and unique enough: instances of one model version rarely number more than thousands.</summary>
    public static string NewInstanceId() => Guid.NewGuid().ToString("N")[..12];
}
