using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestKit;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// The whole CRM as it runs: every service behind the real gateway, each on its own SQLite file, all on a virtual host
/// of the real broker, on the real clock. Nothing is replaced; the schedules are off (nothing here waits on them).
/// Branch sh has its contract settings: approval thresholds 100,000 and 1,000,000, and our party's data.
/// </summary>
public sealed class EndToEndSystem : IAsyncLifetime
{
    public const string Branch = "sh";

    public CrmSystem System { get; private set; } = null!;

    private readonly string _files = Path.Combine(Path.GetTempPath(), "crm-tests", "e2e-files-" + Guid.NewGuid().ToString("N"));

    /// <summary>Yesterday (UTC): a date every service takes as past, whatever the time zone it reads the clock in.</summary>
    public static DateOnly Yesterday => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    public async Task InitializeAsync()
    {
        System = await StartAsync();
        using var manager = System.Gateway("sam-e2e", Branch, "sales-admin-manager");
        await (await manager.PutAsJsonAsync("/api/contracts/settings", new
        {
            approvalThreshold1 = 100_000m,
            approvalThreshold2 = 1_000_000m,
            reminderDays = new[] { 30, 15, 7 },
            company = new
            {
                legalName = "华美日化集团上海分公司",
                address = "上海市浦东新区世纪大道 100 号",
                legalRepresentative = "张伟",
                signingRepresentative = "李娜",
                bank = "中国工商银行上海分行",
                account = "1001 2345 6789",
                taxNumber = "91310000MA1FL0000X",
            },
        })).JsonAsync(HttpStatusCode.OK);
    }

    private Task<CrmSystem> StartAsync() =>
        CrmSystem.StartAsync(new CrmSystemOptions
        {
            Services = CrmSystemOptions.AllServices,
            Settings = name => name switch
            {
                "contracts" => [new("Contracts:ScheduleEnabled", "false")],
                "aftersales" => [new("AfterSales:ScheduleEnabled", "false"), new("AfterSales:DataFolder", _files)],
                "alerts" => [new("Alerts:ScheduleEnabled", "false")],
                _ => [],
            },
        });

    public async Task DisposeAsync()
    {
        await System.DisposeAsync();
        try { Directory.Delete(_files, recursive: true); }
        catch (IOException) { /* cleaned with the temp folder; also when nothing was attached */ }
    }

    public HttpClient As(string user, string role, string branch = Branch) => System.Gateway(user, branch, role);
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndSystem>
{
    public const string Name = "the whole CRM";
}

/// <summary>The users' steps through the gateway that both flows share.</summary>
public static class Steps
{
    /// <summary>A rep registers a customer; returns its id once credit knows it.</summary>
    public static async Task<Guid> RegisterCustomerAsync(HttpClient rep, string name, string region = "华东")
    {
        var registered = await (await rep.PostAsJsonAsync("/api/customers", new { name, kind = "agent", region })).JsonAsync(HttpStatusCode.Created);
        var id = registered.GetProperty("id").GetGuid();
        await Eventually.Until(async () => (await rep.GetAsync($"/api/credit/accounts/{id}")).IsSuccessStatusCode, "the credit service to know the customer");
        return id;
    }

    /// <summary>The credit limit through its four approvals (sales-admin-manager, sales-vp, sales-gm, group-gm).</summary>
    public static async Task ApproveLimitAsync(EndToEndSystem e2e, HttpClient rep, Guid customerId, decimal limit)
    {
        var request = await (await rep.PostAsJsonAsync("/api/credit/limit-requests", new { customerId, proposedLimit = limit, reason = "年底备货 year-end stocking" }))
            .JsonAsync(HttpStatusCode.Created);
        var requestId = request.GetProperty("id").GetGuid();
        foreach (var (user, branch, role) in new[]
                 {
                     ("sam-e2e", "sh", "sales-admin-manager"), ("vp-e2e", "sh", "sales-vp"), ("gm-e2e", "sh", "sales-gm"), ("ggm-e2e", "hq", "group-gm"),
                 })
        {
            using var approver = e2e.As(user, role, branch);
            await (await approver.PostAsJsonAsync($"/api/credit/limit-requests/{requestId}/approve", new { comment = "同意" })).JsonAsync(HttpStatusCode.OK);
        }
        await Eventually.Until(
            async () => (await rep.GetFromJsonAsync<JsonElement>($"/api/credit/accounts/{customerId}")).GetProperty("creditLimit").GetDecimal() == limit,
            "the approved limit on the account");
    }

    /// <summary>The standard contract's eleven sections for a customer: one product line, the given total and terms.</summary>
    public static object Draft(Guid customerId, decimal total, int paymentTermDays, int returnWindowDays, DateOnly effectiveOn, DateOnly expiresOn) => new
    {
        customerId,
        title = "年度经销合同 annual distribution contract",
        lines = new[] { new { product = "洗衣粉", brand = "白猫", specification = "5kg×4", unit = "箱", quantity = 1_000m, unitPrice = total / 1_000m } },
        quality = new { standard = "GB/T 13171-2009", warrantyMonths = 24 },
        delivery = new { time = "收到订单后 7 日内", place = "乙方仓库", transport = "汽运", freightPaidBy = "seller" },
        acceptance = new { method = "到货抽检", inspectionDays = 3, objectionDays = 15 },
        distributionRights = new { level = "distribution", territories = new[] { "华东" }, productLines = new[] { "洗衣粉" } },
        settlement = new { type = "credit", paymentTermDays },
        policies = new { rebateTiers = new[] { new { threshold = 100_000m, percent = 1m }, new { threshold = 500_000m, percent = 2.5m } }, annualBonusPercent = 0.5m },
        ordering = new { minimumOrder = 5_000m, returnWindowDays, exchangeWindowDays = returnWindowDays + 15 },
        breach = new { penalty = "逾期付款按日万分之五计违约金", penaltyPercent = 5m, venue = "甲方所在地人民法院" },
        signing = new { place = "上海", effectiveOn, expiresOn, autoRenew = false, noticeDays = 30 },
        parties = new { customer = new { legalName = "上海华联贸易有限公司", address = "上海市黄浦区南京东路 1 号", legalRepresentative = "王强", taxNumber = "91310101MA1FP0001Y" } },
    };

    /// <summary>
    /// The rep drafts the contract (once the contracts service knows the customer: until then the draft is refused with
    /// 404 and nothing is written), submits it, each approval step's role approves it, and the custodian signs it.
    /// Returns the signed contract as the sign answer shows it.
    /// </summary>
    public static async Task<JsonElement> SignContractAsync(EndToEndSystem e2e, HttpClient rep, object draft)
    {
        var created = await CreateOnceKnownAsync(rep, "/api/contracts", draft, "the contracts service to know the customer");
        var id = created.GetProperty("contract").GetProperty("id").GetGuid();
        Assert.Equal("draft", created.GetProperty("contract").GetProperty("state").GetString());

        var submitted = await (await rep.PostAsJsonAsync($"/api/contracts/{id}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        var roles = submitted.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("role").GetString()!).ToList();
        Assert.Equal(["sales-admin-manager", "sales-vp"], roles); // a total between the two thresholds
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsJsonAsync($"/api/contracts/{id}/approve", new { comment = "自己批准" })).StatusCode);

        foreach (var role in roles)
        {
            using var approver = e2e.As($"{role}-e2e", role);
            await (await approver.PostAsJsonAsync($"/api/contracts/{id}/approve", new { comment = "同意 approved" })).JsonAsync(HttpStatusCode.OK);
        }
        using var custodian = e2e.As("custodian-e2e", "contract-custodian");
        var signed = await (await custodian.PostAsJsonAsync($"/api/contracts/{id}/sign", new { signedOn = EndToEndSystem.Yesterday, signedAt = "上海" }))
            .JsonAsync(HttpStatusCode.OK);
        return signed.GetProperty("contract");
    }

    /// <summary>
    /// Creates a resource that names what a service learns from another's events (a customer, a sale): until the event has
    /// arrived the service answers 404 and writes nothing, so the request is made again; any other answer than 201 fails.
    /// </summary>
    public static async Task<JsonElement> CreateOnceKnownAsync(HttpClient client, string uri, object body, string what)
    {
        var created = await Eventually.Until(
            async () =>
            {
                var response = await client.PostAsJsonAsync(uri, body);
                return response.StatusCode == HttpStatusCode.NotFound ? (JsonElement?)null : await response.JsonAsync(HttpStatusCode.Created);
            },
            c => c is not null, what);
        return created!.Value;
    }

    /// <summary>Waits until credit holds the contract as the one in force today (the account's rebate is under it).</summary>
    public static Task WaitCreditKnowsContractAsync(HttpClient client, Guid customerId, string number) => Eventually.Until(
        async () => (await client.GetFromJsonAsync<JsonElement>($"/api/credit/accounts/{customerId}")).GetProperty("rebate") is
            { ValueKind: JsonValueKind.Object } rebate && rebate.GetProperty("contract").GetProperty("number").GetString() == number,
        "the credit service to hold the signed contract's terms");

    /// <summary>
    /// Waits for a consumer's span on the given queue inside the trace: the span ends just after the consumer's effect is
    /// visible through the API, so it is waited for, never assumed.
    /// </summary>
    public static Task ConsumedInTraceAsync(ActivityCollector activities, ActivityTraceId trace, string queue) => Eventually.Until(
        () => Task.FromResult(activities.Stopped.Any(a => a.TraceId == trace && a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer
            && a.TagObjects.Any(t => t.Value?.ToString()?.Contains(queue, StringComparison.Ordinal) == true))),
        $"the {queue} consumer's span in the trace");
}
