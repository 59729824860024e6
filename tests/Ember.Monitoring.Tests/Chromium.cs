using Microsoft.Playwright;

namespace Ember.Monitoring.Tests;

/// <summary>
/// Debian's chromium driven by Playwright's bundled node driver, offline: Playwright's own browser
/// download does not work here, so the executable is /usr/bin/chromium (installed by
/// scripts/install-test-tools.sh) with a new empty profile per test.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Chromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: run scripts/install-test-tools.sh (it installs Debian's chromium).");
        var playwright = await Playwright.CreateAsync();
        string profile = Directory.CreateTempSubdirectory("ember-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = Args,
            ViewportSize = new ViewportSize { Width = 1280, Height = 1400 },
            Timeout = 60_000,
        });
        return new Chromium(playwright, context, profile);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } // chromium may still be letting go of its lock files
    }
}
