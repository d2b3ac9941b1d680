using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Network.EndToEnd.Tests.Platform;
using Network.Testing;

namespace Network.EndToEnd.Tests.Web;

/// <summary>
/// Debian's Chromium, driven by Playwright (which cannot download a browser here, and need not):
/// one browser per test class, a fresh context (cookies, storage) per person in a test.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Generous for a slow shared machine: Playwright waits up to this long for what a test expects to see.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? chromium;

    public static string ScreenshotFolder => Path.Combine(TestServers.StateDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: infra/local/install.sh installs it with NETWORK_INSTALL_BROWSER=1 (make test does).");
        Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Arguments,
            Timeout = (float)TimeSpan.FromMinutes(2).TotalMilliseconds,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A person with a browser of their own, at the platform's address (the gateway).</summary>
    public async Task<Visitor> VisitorAsync(PlatformFixture platform, int width = 1280, int height = 900)
    {
        var context = await chromium!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = platform.Gateway.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "de-DE",
        });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        return new Visitor(context, page);
    }

    public async Task DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.CloseAsync();
        }

        playwright?.Dispose();
    }
}

/// <summary>One person's browser tab, with what every test does on every page it visits.</summary>
public sealed class Visitor(IBrowserContext context, IPage page) : IAsyncDisposable
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public IPage Page { get; } = page;

    public IBrowserContext Context { get; } = context;

    public Task<IResponse?> OpenAsync(string address) => Page.GotoAsync(address);

    /// <summary>axe-core on the page as it is now: no serious or critical violation of WCAG 2.x A/AA or best practice.</summary>
    public async Task CheckAccessibilityAsync()
    {
        var result = await Page.RunAxe();
        var problems = result.Violations
            .Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(problems.Count == 0, $"axe-core found on {Page.Url}:\n{string.Join("\n", problems)}");
    }

    /// <summary>A full-page picture under .state/test/screenshots, for people to look at.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotFolder, name + ".png"), FullPage = true });

    public ILocator Main => Page.Locator("main");

    public ILocator Field(string label) => Page.GetByLabel(label, new PageGetByLabelOptions { Exact = true });

    public Task FillAsync(string label, string value) => Field(label).FillAsync(value);

    public Task CheckAsync(string label) => Page.GetByLabel(label, new PageGetByLabelOptions { Exact = true }).CheckAsync();

    public Task PressButtonAsync(string name) =>
        Main.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = name, Exact = true }).ClickAsync();

    public Task FollowLinkAsync(string name) =>
        Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name, Exact = true }).First.ClickAsync();

    public Task ExpectHeadingAsync(string text) =>
        Assertions.Expect(Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = text, Level = 1 })).ToBeVisibleAsync();

    public Task ExpectTextAsync(string text) => Assertions.Expect(Main).ToContainTextAsync(text);

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
