using Crm.Web.Api;
using Microsoft.Playwright;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// The web app as a person meets it, over 100,000 customers: the whole system (five services, the web app behind the
/// gateway) and Debian's Chromium driven by Playwright. Measured in the browser, from the navigation's start:
/// first render (the browser's first-contentful-paint of the server-rendered page), data on screen (the list's total or
/// the card's name is in the page) and interactive (the Blazor circuit is up and a handler answers: the first click on a
/// control takes effect, the menu button for the list, the history tab for the card), for the customer list and the
/// archive card; and a search typed into the list,
/// from the last keystroke to the matching row on screen (this includes the search box's 300 ms debounce).
/// Options: --customers=100000 --samples=30.
/// </summary>
public sealed class WebBenchmark : IBenchmark
{
    public string Name => "web";

    public string Description => "web app over 100,000 customers in Chromium: list and card first render / data on screen / interactive, typed search p50/p99";

    public async Task RunAsync(string[] options)
    {
        var customers = CustomersBenchmark.Option(options, "customers", 100_000);
        var samples = CustomersBenchmark.Option(options, "samples", 30);

        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions
        {
            WebApp = crm => new CrmHost<GatewayOptions>(
                [new("ConnectionStrings:messaging", crm.Broker.AmqpUri())],
                "Development",
                services => services.PostConfigure<GatewayOptions>(o => o.BaseAddress = crm.AddressOf("gateway"))),
        });
        Console.WriteLine($"Seeding {customers:N0} customers…");
        var seeding = Stopwatch.StartNew();
        var probes = await CustomersBenchmark.SeedAsync(system, customers);
        Console.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:F0} s");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.ExecutablePath, Args = Chromium.Arguments });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var gateway = system.AddressOf("gateway").ToString().TrimEnd('/');
        await page.GotoAsync($"{gateway}/account/signin?userId=inside-bench&name=Bench&branch=sh&roles=inside-sales");
        await page.ClickAsync("[data-testid=signin-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));

        var (listFirst, listData, listInteractive) = (new Latencies(), new Latencies(), new Latencies());
        var (cardFirst, cardData, cardInteractive) = (new Latencies(), new Latencies(), new Latencies());
        for (var i = -3; i < samples; i++) // three warm-ups
        {
            var list = await OpenAsync(page, $"{gateway}/customers", "[data-testid=total]", MenuButtonAnswers);
            var card = await OpenAsync(page, $"{gateway}/customers/{probes.Ids[Math.Abs(i) % probes.Ids.Count]}", "[data-testid=card-name]", HistoryTabAnswers);
            if (i < 0) continue;
            listFirst.Add(list.FirstRender);
            listData.Add(list.DataOnScreen);
            listInteractive.Add(list.Interactive);
            cardFirst.Add(card.FirstRender);
            cardData.Add(card.DataOnScreen);
            cardInteractive.Add(card.Interactive);
        }

        await OpenAsync(page, $"{gateway}/customers", "[data-testid=total]", MenuButtonAnswers);
        var search = page.Locator("input[data-testid=search], [data-testid=search] input").First;
        var typed = new Latencies();
        for (var i = -3; i < samples; i++)
        {
            var name = probes.RareNames[(i + 3) % probes.RareNames.Count];
            await search.FillAsync(name);
            var start = await page.EvaluateAsync<double>("() => performance.now()");
            var shown = await page.WaitForFunctionAsync(
                """name => { const links = document.querySelectorAll('[data-testid=customer-link]'); return links.length === 1 && links[0].textContent.trim() === name ? performance.now() : false; }""",
                name);
            var end = await shown.JsonValueAsync<double>();
            if (i >= 0) typed.Add(TimeSpan.FromMilliseconds(end - start));
        }

        Console.WriteLine();
        Console.WriteLine($"In Chromium, {samples} samples each, over {customers:N0} customers (inside-sales of a 50,000-customer branch)");
        Console.WriteLine($"  customer list: first render   {listFirst}");
        Console.WriteLine($"  customer list: data on screen {listData}");
        Console.WriteLine($"  customer list: interactive    {listInteractive}");
        Console.WriteLine($"  archive card:  first render   {cardFirst}");
        Console.WriteLine($"  archive card:  data on screen {cardData}");
        Console.WriteLine($"  archive card:  interactive    {cardInteractive}");
        Console.WriteLine($"  typed search (rare name, incl. 300 ms debounce): {typed}");
        Console.WriteLine($"result web: list data p50 {listData.Percentile(50):F0} ms, interactive p50 {listInteractive.Percentile(50):F0} ms; " +
            $"card data p50 {cardData.Percentile(50):F0} ms, interactive p50 {cardInteractive.Percentile(50):F0} ms; " +
            $"search p50 {typed.Percentile(50):F0} ms p99 {typed.Percentile(99):F0} ms");
    }

    // "Interactive": from the moment the data is on screen, the page clicks a control (again every 250 ms, since a click
    // before the circuit is up is lost) and returns performance.now() on the first animation frame that shows its effect.
    // The list: the menu button folds the navigation drawer. The card: the history tab (变更记录) becomes the active tab.
    private const string MenuButtonAnswers = """
        () => new Promise(resolve => {
          const state = () => document.querySelector('.mud-drawer')?.className ?? '';
          const before = state();
          let last = -Infinity;
          const tick = () => {
            if (state() !== before) return resolve(performance.now());
            if (performance.now() - last > 250) { last = performance.now(); document.querySelector('[aria-label=menu]')?.click(); }
            requestAnimationFrame(tick);
          };
          tick();
        })
        """;

    private const string HistoryTabAnswers = """
        () => new Promise(resolve => {
          const tab = () => [...document.querySelectorAll('.mud-tab')].find(t => t.textContent.includes('变更记录'));
          let last = -Infinity;
          const tick = () => {
            const t = tab();
            if (t && t.classList.contains('mud-tab-active')) return resolve(performance.now());
            if (t && performance.now() - last > 250) { last = performance.now(); t.click(); }
            requestAnimationFrame(tick);
          };
          tick();
        })
        """;

    /// <summary>
    /// Navigates and returns, from the navigation's start, the first contentful paint, the moment the data is on screen,
    /// and the moment the first click on a control (<paramref name="interaction"/>) took effect.
    /// </summary>
    private static async Task<(TimeSpan FirstRender, TimeSpan DataOnScreen, TimeSpan Interactive)> OpenAsync(
        IPage page, string url, string dataSelector, string interaction)
    {
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        // Polled on every animation frame (Playwright's default), so the time is taken when the element appears, not when Playwright looks.
        var data = await (await page.WaitForFunctionAsync(
            "selector => document.querySelector(selector) ? performance.now() : false", dataSelector)).JsonValueAsync<double>();
        var interactive = await page.EvaluateAsync<double>(interaction);
        var firstPaint = await (await page.WaitForFunctionAsync(
            "() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? false")).JsonValueAsync<double>();
        return (TimeSpan.FromMilliseconds(firstPaint), TimeSpan.FromMilliseconds(data), TimeSpan.FromMilliseconds(interactive));
    }
}
