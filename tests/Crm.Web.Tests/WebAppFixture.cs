using System.Net.Http.Json;
using Crm.Alerts.Infrastructure;
using Crm.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Crm.Web.Tests;

/// <summary>
/// The whole CRM for the browser tests: the five services, the web app and the gateway in front of both (the browser
/// knows only the gateway's address), and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public CrmSystem System { get; private set; } = default!;
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl => System.AddressOf("gateway").ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        System = await CrmSystem.StartAsync(new CrmSystemOptions
        {
            WebApp = system => new CrmHost<GatewayOptions>(
                [new("ConnectionStrings:messaging", system.Broker.AmqpUri())],
                "Development",
                services => services.PostConfigure<GatewayOptions>(o => o.BaseAddress = system.AddressOf("gateway"))),
        });
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        // Two cores shared by many processes: a step through four services may take more than Playwright's default 5 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await Playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.ExecutablePath, Args = Chromium.Arguments });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await System.DisposeAsync();
    }

    /// <summary>A browser of one person (its own cookies), signed in through the development sign-in page.</summary>
    public async Task<IPage> SignInAsync(string userId, string name, string branch, params string[] roles)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync($"{BaseUrl}/account/signin?userId={userId}&name={Uri.EscapeDataString(name)}&branch={branch}&roles={string.Join(',', roles)}");
        await page.ClickAsync("[data-testid=signin-submit]");
        // Commit, not load: after the form's redirect Chromium sometimes reports the new document's load before
        // Playwright starts waiting, and the wait then runs into its timeout. The layout's name below is the real signal.
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("[data-testid=who]")).ToHaveTextAsync(name); // the circuit is up
        return page;
    }

    public HttpClient Api(string userId, string branch, params string[] roles) => System.Gateway(userId, branch, roles);

    /// <summary>Registers a customer through the API, and waits until credit and alerts know it (from its event).</summary>
    public async Task<Guid> RegisterAsync(HttpClient rep, string name, string region = "华东")
    {
        var response = await rep.PostAsJsonAsync("/api/customers", new { name, kind = "trading", region });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.Until(async () => (await rep.GetAsync($"/api/credit/accounts/{id}")).IsSuccessStatusCode, "credit to know the customer");
        await Eventually.Until(() => System.Alerts.InScopeAsync(sp =>
            sp.GetRequiredService<AlertsDbContext>().Customers.AsNoTracking().AnyAsync(c => c.Id == id && c.RegisteredAt != null)), "alerts to know the customer");
        return id;
    }

    public static async Task FillAsync(IPage page, string testId, string value)
    {
        var input = page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;
        await input.FillAsync(value);
        await input.BlurAsync();
    }

    /// <summary>Desktop (1440) and phone (390) screenshots of the page as it is, for the README.</summary>
    public static async Task ScreenshotsAsync(IPage page, string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "docs", "images");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"web-{name}-desktop.png") });
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(300); // the layout reflows (a screenshot, not an assertion)
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"web-{name}-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1440, 900);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Crm.sln"))) return dir.FullName;
        throw new InvalidOperationException("Crm.sln not found above the test's directory.");
    }
}
