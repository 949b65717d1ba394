using Crm.Messaging.Persistence;
using Crm.Terms;
using Microsoft.Data.Sqlite;

namespace Crm.Alerts.Tests;

/// <summary>
/// The contract rules as pure functions of a customer's facts, at their thresholds and not beyond. The contracts are
/// built the way the service builds them: the contract events applied by the shared terms projector.
/// </summary>
public sealed class ContractRuleTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 4, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 15);
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly Guid _customerId = Guid.NewGuid();

    public ContractRuleTests() => _connection.Open();

    public void Dispose() => _connection.Dispose();

    /// <summary>Applies the contract events to a fresh projection and returns its contracts.</summary>
    private List<ProjectedContract> Contracts(params IntegrationEvent[] events)
    {
        using var book = new Book(new DbContextOptionsBuilder<Book>().UseSqlite(_connection).Options);
        book.Database.EnsureDeleted();
        book.Database.EnsureCreated();
        foreach (var e in events)
        {
            var applied = e switch
            {
                ContractSigned signed => ContractTermsProjector.ApplyAsync(book, signed, CancellationToken.None),
                ContractAmended amended => ContractTermsProjector.ApplyAsync(book, amended, CancellationToken.None),
                ContractTerminated terminated => ContractTermsProjector.ApplyAsync(book, terminated, CancellationToken.None),
                _ => throw new ArgumentOutOfRangeException(nameof(events)),
            };
            applied.GetAwaiter().GetResult();
            book.SaveChanges();
        }
        return [.. book.Set<ProjectedContract>().AsNoTracking().Include(c => c.Versions)];
    }

    private Customer NewCustomer(Guid? id = null, string region = "华东")
    {
        var registered = TestEvents.Registered(id ?? _customerId, Now.AddDays(-400), region: region);
        var customer = Customer.FirstSeenIn(registered);
        customer.Register(registered);
        return customer;
    }

    private CustomerFacts Facts(
        IReadOnlyList<ProjectedContract>? contracts = null, IReadOnlyList<ContractReminder>? reminders = null, IReadOnlyList<SaleEntry>? flagged = null,
        IReadOnlyList<ProjectedContract>? rivals = null, IReadOnlyList<SaleEntry>? territorySales = null, Customer? customer = null) => new()
    {
        Customer = customer ?? NewCustomer(),
        Now = Now,
        Today = Today,
        Contracts = contracts ?? [],
        ContractReminders = reminders ?? [],
        FlaggedSales = flagged ?? [],
        RivalExclusiveContracts = rivals ?? [],
        TerritorySales = territorySales ?? [],
    };

    private static RuleOutcome Evaluate(AlertRule rule, CustomerFacts facts, params (Threshold Threshold, decimal Value)[] settings) =>
        rule.Evaluate(facts, new RuleThresholds(rule.Thresholds, settings.ToDictionary(s => s.Threshold.Name, s => s.Value)));

    private SaleEntry SaleOn(DateOnly date, decimal amount, bool withoutContract = false, bool outside = false, string product = "洗衣粉") =>
        SaleEntry.From(TestEvents.Sale(_customerId, Now, amount, amount, 1_000_000m, date: date, withoutContract: withoutContract, outsideContract: outside, product: product));

    // contract-expiring

    [Fact]
    public void Contract_expiring_trips_at_the_threshold_and_not_a_day_beyond_it()
    {
        var contract = Guid.NewGuid();
        var reminder = ContractReminder.From(TestEvents.Expiring(_customerId, Now, contract, new DateOnly(2026, 4, 14), 15));
        var facts = Facts(Contracts(TestEvents.Signed(_customerId, Now, contract, new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 14))), [reminder]);

        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(new ContractExpiringRule(), facts, (ContractExpiringRule.DaysLeft, 15m)));
        Assert.All(trip.Evidence, f => Assert.Equal(reminder.EventId, f.EventId));
        Assert.IsType<RuleOutcome.Clear>(Evaluate(new ContractExpiringRule(), facts, (ContractExpiringRule.DaysLeft, 14m)));
        Assert.IsType<RuleOutcome.NoChange>(Evaluate(new ContractExpiringRule(), Facts()));
    }

    [Fact]
    public void An_amendment_that_keeps_the_expiry_does_not_settle_it_and_one_that_moves_it_does()
    {
        var contract = Guid.NewGuid();
        var expiry = new DateOnly(2026, 4, 14);
        var reminder = ContractReminder.From(TestEvents.Expiring(_customerId, Now, contract, expiry, 30));
        var signed = TestEvents.Signed(_customerId, Now.AddDays(-70), contract, new DateOnly(2026, 1, 1), expiry);

        var sameExpiry = Contracts(signed, TestEvents.Amended(_customerId, Now, contract, 2, new DateOnly(2026, 3, 1), expiry));
        Assert.IsType<RuleOutcome.Trip>(Evaluate(new ContractExpiringRule(), Facts(sameExpiry, [reminder])));

        var moved = Contracts(TestEvents.Amended(_customerId, Now, contract, 2, new DateOnly(2026, 4, 15), new DateOnly(2027, 4, 14), "auto-renewal"), signed);
        var clear = Assert.IsType<RuleOutcome.Clear>(Evaluate(new ContractExpiringRule(), Facts(moved, [reminder])));
        Assert.Contains("2027-04-14", clear.Cause);
    }

    [Fact]
    public void A_termination_before_the_expiry_settles_the_reminder()
    {
        var contract = Guid.NewGuid();
        var reminder = ContractReminder.From(TestEvents.Expiring(_customerId, Now, contract, new DateOnly(2026, 4, 14), 30));
        var contracts = Contracts(
            TestEvents.Signed(_customerId, Now.AddDays(-70), contract, new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 14)),
            TestEvents.Terminated(_customerId, Now, contract, new DateOnly(2026, 3, 20)));

        var clear = Assert.IsType<RuleOutcome.Clear>(Evaluate(new ContractExpiringRule(), Facts(contracts, [reminder])));
        Assert.Contains("2026-03-19", clear.Cause);
    }

    // no-active-contract

    [Fact]
    public void No_active_contract_trips_at_the_minimum_amount_and_not_a_cent_below()
    {
        var atMinimum = SaleOn(Today, 500m, withoutContract: true);
        var below = SaleOn(Today, 499.99m, withoutContract: true);

        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(new NoActiveContractRule(), Facts(flagged: [atMinimum, below]), (NoActiveContractRule.MinimumAmount, 500m)));
        Assert.Equal(atMinimum.EventId, Assert.Single(trip.EventIds));
        Assert.IsType<RuleOutcome.Clear>(Evaluate(new NoActiveContractRule(), Facts(flagged: [below]), (NoActiveContractRule.MinimumAmount, 500m)));
    }

    [Fact]
    public void A_contract_that_ends_the_day_before_the_sale_does_not_cover_it_and_one_that_ends_on_that_day_does()
    {
        var sale = SaleOn(Today, 100m, withoutContract: true);
        var endedBefore = Contracts(TestEvents.Signed(_customerId, Now, Guid.NewGuid(), new DateOnly(2026, 1, 1), Today.AddDays(-1)));
        var endsThatDay = Contracts(TestEvents.Signed(_customerId, Now, Guid.NewGuid(), new DateOnly(2026, 1, 1), Today));
        var startsLater = Contracts(TestEvents.Signed(_customerId, Now, Guid.NewGuid(), Today.AddDays(30), Today.AddDays(400)));

        Assert.IsType<RuleOutcome.Trip>(Evaluate(new NoActiveContractRule(), Facts(endedBefore, flagged: [sale])));
        Assert.IsType<RuleOutcome.Clear>(Evaluate(new NoActiveContractRule(), Facts(endsThatDay, flagged: [sale])));
        Assert.IsType<RuleOutcome.Clear>(Evaluate(new NoActiveContractRule(), Facts(startsLater, flagged: [sale])));
    }

    [Fact]
    public void A_sale_outside_the_contract_is_not_business_without_one()
    {
        Assert.IsType<RuleOutcome.Clear>(Evaluate(new NoActiveContractRule(), Facts(flagged: [SaleOn(Today, 100m, outside: true)])));
    }

    // territory-breach

    [Fact]
    public void An_exclusive_right_is_breached_only_inside_its_rights_period_and_product_lines()
    {
        var holder = Guid.NewGuid();
        var rights = Contracts(TestEvents.Signed(holder, Now, Guid.NewGuid(), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), number: "SH-2026-0001",
            terms: TestEvents.Terms("exclusive", productLines: ["洗衣粉", "肥皂"], territories: ["华东"],
                rightsFrom: new DateOnly(2026, 3, 1), rightsTo: new DateOnly(2026, 3, 31))));
        var firstDay = SaleOn(new DateOnly(2026, 3, 1), 100m);
        var dayBefore = SaleOn(new DateOnly(2026, 2, 28), 100m);
        var lastDay = SaleOn(new DateOnly(2026, 3, 31), 100m, product: " 肥皂 ");
        var dayAfter = SaleOn(new DateOnly(2026, 4, 1), 100m);
        var otherLine = SaleOn(new DateOnly(2026, 3, 10), 100m, product: "牙膏");

        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(new TerritoryBreachRule(),
            Facts(rivals: rights, territorySales: [firstDay, dayBefore, lastDay, dayAfter, otherLine])));
        Assert.Equal(new[] { firstDay.EventId, lastDay.EventId }.Order(), trip.EventIds.Order());
    }

    [Fact]
    public void A_customer_s_own_exclusive_right_is_no_breach_and_another_region_is_not_its_territory()
    {
        var own = Contracts(TestEvents.Signed(_customerId, Now, Guid.NewGuid(), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
            terms: TestEvents.Terms("exclusive", territories: ["华东"])));
        var sale = SaleOn(Today, 100m);

        Assert.IsType<RuleOutcome.Clear>(Evaluate(new TerritoryBreachRule(), Facts(rivals: own, territorySales: [sale])));

        var elsewhere = Contracts(TestEvents.Signed(Guid.NewGuid(), Now, Guid.NewGuid(), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
            terms: TestEvents.Terms("exclusive", territories: ["华南"])));
        Assert.IsType<RuleOutcome.Clear>(Evaluate(new TerritoryBreachRule(), Facts(rivals: elsewhere, territorySales: [sale])));
    }

    [Fact]
    public void Territory_breach_trips_at_the_minimum_amount_and_not_a_cent_below()
    {
        var at = SaleOn(Today, 200m, outside: true);
        var below = SaleOn(Today, 199.99m, outside: true);

        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(new TerritoryBreachRule(), Facts(flagged: [at, below]), (TerritoryBreachRule.MinimumAmount, 200m)));
        Assert.Equal(at.EventId, Assert.Single(trip.EventIds));
    }

    private sealed class Book(DbContextOptions<Book> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddContractTermsProjection();

        protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
            ProviderConventions.ForSqlite(configurationBuilder);
    }
}
