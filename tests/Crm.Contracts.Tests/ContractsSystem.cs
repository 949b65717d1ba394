using System.Net.Http.Json;
using Crm.Contracts.Infrastructure;
using Crm.Contracts.Services;
using Crm.Events;
using Crm.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Contracts.Tests;

/// <summary>
/// The contracts service behind the real gateway, on a real SQLite file and a broker virtual host of its own, with its
/// clock pinned (the only thing replaced) and its expiry job driven by the tests. Today is <see cref="Today"/> in
/// Asia/Shanghai. Branches sh and bj have their settings: thresholds 100,000 and 1,000,000, and our party's data.
/// </summary>
public class ContractsSystem : IAsyncLifetime
{
    public const decimal Threshold1 = 100_000m;
    public const decimal Threshold2 = 1_000_000m;

    /// <summary>10:00 in Shanghai on 2026-11-16.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 16, 2, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => new(2026, 11, 16);

    public FakeTimeProvider Clock { get; } = new(Now);

    public CrmSystem System { get; private set; } = null!;

    /// <summary>The services to start: contracts alone, its customers arriving as published events.</summary>
    protected virtual string[] Services => ["contracts"];

    /// <summary>The contracts host's own settings: the expiry job is driven by the tests unless a fixture says otherwise.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ContractsSettings => [new("Contracts:ScheduleEnabled", "false")];

    public async Task InitializeAsync()
    {
        System = await StartAsync();
        foreach (var branch in new[] { "sh", "bj" })
        {
            using var manager = As($"sam-{branch}", branch, "sales-admin-manager");
            await (await manager.PutAsJsonAsync("/api/contracts/settings", new
            {
                approvalThreshold1 = Threshold1,
                approvalThreshold2 = Threshold2,
                reminderDays = new[] { 30, 15, 7 },
                company = new
                {
                    legalName = $"华美日化集团{branch.ToUpperInvariant()}分公司",
                    address = "上海市浦东新区世纪大道 100 号",
                    legalRepresentative = "张伟",
                    signingRepresentative = "李娜",
                    bank = "中国工商银行上海分行",
                    account = "1001 2345 6789",
                    taxNumber = "91310000MA1FL0000X",
                },
            })).JsonAsync(HttpStatusCode.OK);
        }
    }

    private Task<CrmSystem> StartAsync() =>
        CrmSystem.StartAsync(new CrmSystemOptions
        {
            Services = Services,
            Settings = name => name == "contracts" ? ContractsSettings : [],
            ConfigureServices = (service, services) =>
            {
                if (service == "contracts") services.AddSingleton<TimeProvider>(Clock);
            },
        });

    public async Task DisposeAsync() => await System.DisposeAsync();

    public HttpClient As(string userId, string branch, params string[] roles) => System.Gateway(userId, branch, roles);

    public HttpClient Rep(string owner = "rep-1", string branch = "sh") => As(owner, branch, "sales-rep");

    public HttpClient Custodian(string branch = "sh") => As($"custodian-{branch}", branch, "contract-custodian");

    public HttpClient Approver(string role, string branch = "sh") => As($"{role}-{branch}", branch, role);

    /// <summary>Registers a customer as the customers service announces it, and waits until contracts knows it.</summary>
    public async Task<Guid> RegisterCustomerAsync(string branch = "sh", string owner = "rep-1", string region = "华东")
    {
        var id = Guid.NewGuid();
        await PublishAndWaitAsync(new CustomerRegistered
        {
            CustomerId = id,
            BranchId = branch,
            OccurredAt = Now.AddDays(-400),
            Code = $"{branch.ToUpperInvariant()}-{Random.Shared.Next(100000, 999999)}",
            Name = $"客户{id:N}"[..10],
            Kind = "agent",
            Region = region,
            Status = "active",
            OwnerId = owner,
            RegisteredBy = owner,
            EntryDate = Today.AddDays(-400),
        });
        return id;
    }

    public async Task PublishAndWaitAsync(IntegrationEvent integrationEvent)
    {
        await RawPublisher.PublishAsync(System.Broker.AmqpUri(), integrationEvent);
        await Eventually.Until(() => QueryAsync(db => db.InboxMessages.AnyAsync(m => m.MessageId == integrationEvent.EventId)),
            $"contracts to handle {integrationEvent.GetType().Name}");
    }

    public Task<T> QueryAsync<T>(Func<ContractsDbContext, Task<T>> query) => System.QueryAsync("contracts", db => query((ContractsDbContext)db));

    public Task<RawSubscriber> SubscribeAsync(string exchange) => RawSubscriber.BindAsync(System.Broker.AmqpUri(), exchange);

    public Task<SweepResult> SweepAsync() => System.ServicesOf("contracts").GetRequiredService<ContractExpirySweep>().RunAsync(CancellationToken.None);

    public Task<int> AccessLogRowsAsync(Guid contractId) => QueryAsync(db => db.AccessLog.CountAsync(e => e.ContractId == contractId));

    /// <summary>A complete draft body: one line of <paramref name="total"/>, the sections the business runs on.</summary>
    public static object Draft(
        Guid customerId, decimal total = 50_000m, string level = "distribution", string[]? territories = null, string[]? productLines = null,
        DateOnly? effectiveOn = null, DateOnly? expiresOn = null, bool autoRenew = false, int noticeDays = 30, int returnWindowDays = 7,
        string product = "洗衣粉", string title = "2027 年度经销合同") => new
    {
        customerId,
        title,
        lines = new[] { new { product, brand = "白猫", specification = "5kg×4", unit = "箱", quantity = 100m, unitPrice = total / 100m } },
        quality = new { standard = "GB/T 13171-2009", warrantyMonths = 24 },
        delivery = new { time = "收到订单后 7 日内", place = "乙方仓库", transport = "汽运", freightPaidBy = "seller" },
        acceptance = new { method = "到货抽检", inspectionDays = 3, objectionDays = 15 },
        distributionRights = new { level, territories = territories ?? new[] { "华东" }, productLines = productLines ?? new[] { "洗衣粉" } },
        settlement = new { type = "credit", paymentTermDays = 30 },
        policies = new { rebateTiers = new[] { new { threshold = 100_000m, percent = 1m }, new { threshold = 500_000m, percent = 2.5m } }, annualBonusPercent = 0.5m },
        ordering = new { minimumOrder = 5_000m, returnWindowDays, exchangeWindowDays = 15 },
        breach = new { penalty = "逾期付款按日万分之五计违约金", penaltyPercent = 5m, venue = "甲方所在地人民法院" },
        signing = new { place = "上海", effectiveOn = effectiveOn ?? Today, expiresOn = expiresOn ?? Today.AddYears(1).AddDays(-1), autoRenew, noticeDays },
        parties = new { customer = new { legalName = "上海华联贸易有限公司", address = "上海市黄浦区南京东路 1 号", legalRepresentative = "王强", taxNumber = "91310101MA1FP0001Y" } },
    };

    public async Task<JsonElement> CreateAsync(object body, string owner = "rep-1", string branch = "sh")
    {
        using var rep = Rep(owner, branch);
        return (await (await rep.PostAsJsonAsync("/api/contracts", body)).JsonAsync(HttpStatusCode.Created)).GetProperty("contract");
    }

    /// <summary>Drafts, submits and approves (every step) a contract; returns its id.</summary>
    public async Task<Guid> ApprovedAsync(object body, string owner = "rep-1", string branch = "sh")
    {
        var id = (await CreateAsync(body, owner, branch)).GetProperty("id").GetGuid();
        using var rep = Rep(owner, branch);
        var submitted = await (await rep.PostAsJsonAsync($"/api/contracts/{id}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        var roles = submitted.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("role").GetString()!).ToList();
        foreach (var role in roles)
        {
            using var approver = Approver(role, branch);
            await (await approver.PostAsJsonAsync($"/api/contracts/{id}/approve", new { comment = "同意" })).JsonAsync(HttpStatusCode.OK);
        }
        return id;
    }

    /// <summary>Drafts, approves and signs a contract (today): active when its effective date has come.</summary>
    public async Task<Guid> SignedAsync(object body, string owner = "rep-1", string branch = "sh", DateOnly? signedOn = null)
    {
        var id = await ApprovedAsync(body, owner, branch);
        using var custodian = Custodian(branch);
        await (await custodian.PostAsJsonAsync($"/api/contracts/{id}/sign", new { signedOn = signedOn ?? Today, signedAt = "上海" })).JsonAsync(HttpStatusCode.OK);
        return id;
    }
}

public static class HttpAssertions
{
    public static string? String(this JsonElement element, string property) => element.GetProperty(property).GetString();

    public static decimal Money(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.String
            ? decimal.Parse(element.GetProperty(property).GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : element.GetProperty(property).GetDecimal();
}
