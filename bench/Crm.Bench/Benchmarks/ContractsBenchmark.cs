using Crm.ServiceDefaults;
using Crm.Contracts.Infrastructure;
using Crm.Contracts.Model;
using Crm.Contracts.Services;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// Contracts: GET /api/contracts/terms (the terms in force for a customer on a date, which other services' paths
/// consult) p50/p99 over a book of 10,000 signed contracts with 3 versions each, seeded straight into the service's
/// database through its own model (draft → submit → approve → sign → amend twice); then the time of one run of the
/// expiry job over the same book. Options: --contracts=10000 --requests=3000 --concurrency=1.
/// </summary>
public sealed class ContractsBenchmark : IBenchmark
{
    public string Name => "contracts";

    public string Description => "GET /api/contracts/terms p50/p99 over 10,000 contracts × 3 versions; one expiry sweep over the book";

    public async Task RunAsync(string[] options)
    {
        var count = int.Parse(Option(options, "contracts", "10000"), CultureInfo.InvariantCulture);
        var requests = int.Parse(Option(options, "requests", "3000"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Option(options, "concurrency", "1"), CultureInfo.InvariantCulture);

        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions
        {
            Services = ["contracts"],
            WithGateway = false,
            Settings = _ => [new("Contracts:ScheduleEnabled", "false"), new("Logging:LogLevel:Default", "Warning")],
        });

        var today = system.ServicesOf("contracts").GetRequiredService<BusinessCalendar>().Today;
        Console.WriteLine($"Seeding {count} contracts with 3 versions each (today {today:yyyy-MM-dd})…");
        var seeding = Stopwatch.StartNew();
        var book = await SeedAsync(system, count, today);
        Console.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:F1} s: {await system.QueryAsync("contracts", db => ((ContractsDbContext)db).ContractVersions.CountAsync())} versions");

        using var client = system.Contracts.Client("after-sales-bench", "sh", "after-sales");
        var random = new Random(42);
        var queries = Enumerable.Range(0, requests + 200).Select(_ =>
        {
            var (customer, from, to) = book[random.Next(book.Count)];
            // Mostly dates in force, some before the contract: both answers are on the path.
            var on = random.Next(10) == 0 ? from.AddDays(-random.Next(1, 60)) : from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));
            return $"/api/contracts/terms?customerId={customer}&on={on:yyyy-MM-dd}";
        }).ToList();
        foreach (var warmUp in queries.Take(200)) await GetAsync(client, warmUp);

        var latencies = new Latencies();
        var next = 200;
        var elapsed = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (true)
            {
                var index = Interlocked.Increment(ref next) - 1;
                if (index >= queries.Count) return;
                var start = Stopwatch.GetTimestamp();
                await GetAsync(client, queries[index]);
                latencies.Add(start);
            }
        }));
        Console.WriteLine($"GET /api/contracts/terms, {requests} requests, {concurrency} at a time, direct to the service: {latencies} " +
            $"({requests / elapsed.Elapsed.TotalSeconds:F0} requests/s)");

        var sweep = system.ServicesOf("contracts").GetRequiredService<ContractExpirySweep>();
        var sweeping = Stopwatch.StartNew();
        var result = await sweep.RunAsync(CancellationToken.None);
        var sweepSeconds = sweeping.Elapsed.TotalSeconds;
        Console.WriteLine($"Expiry sweep over the book: {sweepSeconds:F2} s; looked at {result.Contracts}, activated {result.Activated}, " +
            $"reminders {result.Reminders}, auto-renewed {result.AutoRenewed}, expired {result.Expired}.");
        var again = Stopwatch.StartNew();
        var second = await sweep.RunAsync(CancellationToken.None);
        Console.WriteLine($"A second sweep the same day (nothing left to do but look): {again.Elapsed.TotalSeconds:F2} s, {second.Reminders} reminders.");
        Console.WriteLine($"result contracts: terms p50 {latencies.Percentile(50):F2} ms, p99 {latencies.Percentile(99):F2} ms, sweep {sweepSeconds:F2} s");
    }

    private static async Task GetAsync(HttpClient client, string uri)
    {
        using var response = await client.GetAsync(uri);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"The terms route answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// One customer per contract. Terms start between 700 and 30 days ago and run a year, so that part of the book is
    /// about to expire (reminders), part is past its end (expiry or automatic renewal) and most is in force.
    /// </summary>
    private static async Task<List<(Guid Customer, DateOnly From, DateOnly To)>> SeedAsync(CrmSystem system, int count, DateOnly today)
    {
        var book = new List<(Guid, DateOnly, DateOnly)>(count);
        var random = new Random(7);
        var approver = new BenchApprover();
        var now = DateTimeOffset.UtcNow;
        var author = new Actor("rep-bench", "基准业务员");
        var company = new Party { LegalName = "华美日化集团上海分公司", Address = "上海市浦东新区世纪大道 100 号", TaxNumber = "91310000MA1FL0000X" };
        const int batch = 500;
        for (var done = 0; done < count; done += batch)
        {
            await system.QueryAsync("contracts", async context =>
            {
                var db = (ContractsDbContext)context;
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = done; i < Math.Min(count, done + batch); i++)
                {
                    var customerId = Guid.CreateVersion7();
                    db.Customers.Add(CustomerReference.From(new CustomerRegistered
                    {
                        CustomerId = customerId, BranchId = "sh", OccurredAt = now, Code = $"SH-{i:D6}", Name = $"基准客户 {i}", Kind = "agent",
                        Region = $"区域 {i % 40}", OwnerId = "rep-bench", RegisteredBy = "rep-bench", EntryDate = today,
                    }));
                    var from = today.AddDays(-random.Next(30, 700));
                    var to = from.AddYears(1).AddDays(-1);
                    var contract = Contract.Draft("sh", customerId, $"SH-BENCH-{i:D6}", "年度经销合同", null, Sections(from, to, i, company), author, now);
                    contract.Submit([CrmRoles.SalesAdminManager], new Actor("rep-bench", "基准业务员"), now);
                    contract.Decide(StepDecision.Approved, approver, "同意", now);
                    var versions = new List<ContractVersion> { contract.Sign(from, "上海", author, today, now) };
                    versions.Add(contract.Amend(new ContractSections { Ordering = new OrderingSection { MinimumOrder = 2000m, ReturnWindowDays = 10, ExchangeWindowDays = 20 } },
                        from.AddDays(120), from, "补充协议一", author, now));
                    versions.Add(contract.Amend(new ContractSections { Settlement = new SettlementSection { Type = SettlementType.Credit, PaymentTermDays = 45 } },
                        from.AddDays(240), from.AddDays(120), "补充协议二", author, now));
                    db.Contracts.Add(contract);
                    db.ContractVersions.AddRange(versions);
                    book.Add((customerId, from, to));
                }
                db.ChangeTracker.DetectChanges();
                return await db.SaveChangesAsync();
            });
        }
        return book;
    }

    private static ContractSections Sections(DateOnly from, DateOnly to, int i, Party company) => new ContractSections
    {
        Lines = [new ContractLine { Product = "洗衣粉", Brand = "白猫", Specification = "5kg×4", Unit = "箱", Quantity = 100m + i % 50, UnitPrice = 120m }],
        Quality = new QualitySection { Standard = "GB/T 13171-2009", WarrantyMonths = 24 },
        Delivery = new DeliverySection { Time = "收到订单后 7 日内", Place = "乙方仓库", Transport = "汽运", FreightPaidBy = FreightPayer.Seller },
        Acceptance = new AcceptanceSection { Method = "到货抽检", InspectionDays = 3, ObjectionDays = 15 },
        DistributionRights = new DistributionRightsSection { Level = DistributionLevel.Distribution, Territories = [$"区域 {i % 40}"], ProductLines = ["洗衣粉", "肥皂"] },
        Settlement = new SettlementSection { Type = SettlementType.Credit, PaymentTermDays = 30 },
        Policies = new PoliciesSection { RebateTiers = [new RebateTierLine { Threshold = 100_000m, Percent = 1m }, new RebateTierLine { Threshold = 500_000m, Percent = 2.5m }] },
        Ordering = new OrderingSection { MinimumOrder = 5000m, ReturnWindowDays = 7, ExchangeWindowDays = 15 },
        Breach = new BreachSection { Penalty = "逾期付款按日万分之五计违约金", Venue = "甲方所在地人民法院" },
        Signing = new SigningSection { Place = "上海", EffectiveOn = from, ExpiresOn = to, AutoRenew = i % 3 == 0, NoticeDays = 30 },
        Parties = new PartiesSection { Company = company, Customer = new Party { LegalName = $"基准客户 {i} 有限公司" } },
    }.Normalized();

    private static string Option(string[] options, string name, string fallback) =>
        options.FirstOrDefault(o => o.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..] ?? fallback;

    /// <summary>The sales administration manager who approves the seeded contracts (setup only).</summary>
    private sealed class BenchApprover : ICurrentUser
    {
        public string Id => "sam-bench";
        public string Name => "基准经理";
        public string BranchId => "sh";
        public IReadOnlySet<string> Roles { get; } = new HashSet<string> { CrmRoles.SalesAdminManager };
        public bool SeesAllBranches => false;
        public bool IsSystem => false;
        public bool IsInRole(string role) => Roles.Contains(role);
        public bool IsInAnyRole(IEnumerable<string> roles) => roles.Any(IsInRole);
        public bool CanAccessBranch(string branchId) => branchId == BranchId;
    }
}
