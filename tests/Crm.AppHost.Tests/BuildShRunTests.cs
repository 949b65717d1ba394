using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Crm.TestKit;
using Microsoft.Playwright;

namespace Crm.AppHost.Tests;

/// <summary>
/// The README's promise, kept by running it: <c>./build.sh run</c> starts the whole CRM through the AppHost and prints
/// URLs that answer; on the dashboard every resource is Running and a registration is one trace from the gateway
/// through the customers service to its consumers. The screenshots in docs/images come from here.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed partial class BuildShRunTests : IAsyncLifetime
{
    private static readonly string[] Resources = ["messaging", "customers", "contracts", "credit", "aftersales", "alerts", "web", "gateway"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);

    private readonly string _root = Support.RepositoryRoot();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("crm-run-").FullName;
    private readonly int _gatewayPort = Support.FreePort();
    private readonly int _dashboardPort = Support.FreePort();
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _banner = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process _run = null!;

    public Task InitializeAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(_root, "build.sh"), "run"])
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["CRM_DATA_DIR"] = _dataDirectory,
                ["CRM_GATEWAY_PORT"] = _gatewayPort.ToString(),
                ["CRM_DASHBOARD_PORT"] = _dashboardPort.ToString(),
                ["CRM_OTLP_PORT"] = Support.FreePort().ToString(),
                // Low enough that build.sh's management (+10000) and Erlang distribution (+20000) ports exist.
                ["CRM_BROKER_PORT"] = Random.Shared.Next(20000, 30000).ToString(),
                // The test run already built Debug; Release would build everything a second time.
                ["CRM_CONFIGURATION"] = "Debug",
            },
        };
        start.Environment.Remove("CRM_RABBITMQ_URI");
        _run = Process.Start(start)!;
        _run.OutputDataReceived += (_, line) => Collect(line.Data);
        _run.ErrorDataReceived += (_, line) => Collect(line.Data);
        _run.BeginOutputReadLine();
        _run.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    private void Collect(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            if (line.Contains("Press Ctrl-C to stop.")) _banner.TrySetResult(_output.ToString());
        }
    }

    public async Task DisposeAsync()
    {
        if (!_run.HasExited)
        {
            Process.Start("kill", ["-TERM", _run.Id.ToString()])!.WaitForExit();
            using var stopping = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await _run.WaitForExitAsync(stopping.Token);
        }
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Run_prints_urls_that_answer_and_the_dashboard_shows_every_resource_and_one_trace_per_registration()
    {
        var exited = _run.WaitForExitAsync();
        var first = await Task.WhenAny(_banner.Task, exited, Task.Delay(StartTimeout));
        Assert.True(first == _banner.Task, $"./build.sh run printed no URLs ({(first == exited ? $"it exited with {_run.ExitCode}" : $"not within {StartTimeout}")}):\n{_output}");
        var banner = await _banner.Task;

        var gatewayUrl = $"http://localhost:{_gatewayPort}";
        Assert.Contains($"{gatewayUrl}/api/", banner);
        Assert.Contains($"{gatewayUrl}/scalar", banner);
        var login = LoginLink().Match(banner);
        Assert.True(login.Success, $"no dashboard login link in:\n{banner}");
        Assert.StartsWith($"http://localhost:{_dashboardPort}/login?t=", login.Value);

        using var gateway = new HttpClient { BaseAddress = new Uri(gatewayUrl) };
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/scalar")).StatusCode);
        await Support.SignInAsync(gateway, "rep-dashboard", "sh", "sales-rep");
        var customer = await Support.RegisterCustomerAsync(gateway, "杭州西湖经销有限公司");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.ExecutablePath,
            Args = Chromium.Arguments,
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-US" });
        var dashboard = $"http://localhost:{_dashboardPort}";

        await page.GotoAsync(login.Value);
        foreach (var resource in Resources)
        {
            // The name cell reads "Project: customers", "Executable: messaging" to assistive technology.
            var name = page.GetByRole(AriaRole.Gridcell, new() { NameRegex = new Regex($"^\\w+: {resource}$") });
            var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = name });
            await Assertions.Expect(row).ToContainTextAsync("Running", new() { Timeout = 60_000 });
        }
        await Screenshot(page, "dashboard-resources.png");

        // The registration's trace: the gateway's request, the customers service, its outbox dispatch and the consumers.
        await page.GotoAsync($"{dashboard}/traces");
        var registration = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "POST /api/customers" }).First;
        await Assertions.Expect(registration).ToContainTextAsync("credit", new() { Timeout = 60_000 });
        var traceId = TraceId().Match(await registration.InnerHTMLAsync()).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{32}$", traceId);

        // Consumers report their spans as they finish: read the trace until every hop is in it.
        string[] hops =
        [
            "POST /api/customers",                  // the gateway
            "POST api/customers",                   // the customers service
            "MSG rabbitmq crm.customer-registered", // its outbox publish (the dashboard names a messaging span so)
            "contracts.customer-registered process", "credit.customer-registered process",
            "aftersales.customer-registered process", "alerts.customer-registered process",
        ];
        var rows = await Eventually.Until(async () =>
            {
                await page.GotoAsync($"{dashboard}/traces/detail/{traceId}");
                await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "POST /api/customers" }).First).ToBeVisibleAsync();
                return string.Join('\n', await page.GetByRole(AriaRole.Row).AllInnerTextsAsync());
            },
            text => hops.All(text.Contains), "every hop of the registration in one trace", TimeSpan.FromSeconds(90));
        Assert.All(hops, hop => Assert.Contains(hop, rows));
        await Screenshot(page, "dashboard-trace.png");

        await page.GotoAsync($"{dashboard}/metrics/resource/customers?meter=Crm.Customers&instrument=crm.customers.registered&duration=5");
        await Assertions.Expect(page.GetByText("crm.customers.registered").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.WaitForTimeoutAsync(1500); // the chart animates in
        await Screenshot(page, "dashboard-metrics.png");

        await page.GotoAsync($"{dashboard}/structuredlogs");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "customers" }).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Screenshot(page, "dashboard-logs.png");

        Assert.NotEqual(Guid.Empty, customer);
    }

    [GeneratedRegex(@"http://localhost:\d+/login\?t=[0-9a-f]+")]
    private static partial Regex LoginLink();

    [GeneratedRegex(@"Trace Id: ([0-9a-f]{32})")]
    private static partial Regex TraceId();

    private Task Screenshot(IPage page, string name)
    {
        var directory = Path.Combine(_root, "docs", "images");
        Directory.CreateDirectory(directory);
        return page.ScreenshotAsync(new() { Path = Path.Combine(directory, name) });
    }
}
