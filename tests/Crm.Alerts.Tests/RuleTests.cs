using Crm.ServiceDefaults;

namespace Crm.Alerts.Tests;

/// <summary>
/// Each rule on its own, as a pure function of a customer's facts: it trips at its threshold and not just below it,
/// clears when its condition no longer holds, and stays silent where it cannot judge. The instant is given, as a fake
/// clock would give it.
/// </summary>
public sealed class RuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 4, 0, 0, TimeSpan.Zero); // 12:00 in Shanghai
    private static readonly DateOnly Today = new(2026, 3, 15);
    private readonly Guid _customerId = Guid.NewGuid();

    private Customer NewCustomer(DateTimeOffset? registeredAt = null)
    {
        var registered = TestEvents.Registered(_customerId, registeredAt ?? Now.AddDays(-400));
        var customer = Customer.FirstSeenIn(registered);
        customer.Register(registered);
        return customer;
    }

    private static CustomerFacts Facts(Customer customer, DateTimeOffset? now = null, DateOnly? today = null, IntegrationEvent? trigger = null,
        decimal monthToDate = 0, decimal lastYear = 0, MonthlyPlan? plan = null, IReadOnlyList<MonthlyExpenses>? expenses = null) => new()
    {
        Customer = customer,
        Now = now ?? Now,
        Today = today ?? Today,
        Trigger = trigger,
        MonthToDateSales = monthToDate,
        SamePeriodLastYearSales = lastYear,
        Plan = plan,
        RecentExpenses = expenses ?? [],
    };

    private static RuleOutcome Evaluate(AlertRule rule, CustomerFacts facts, params (Threshold Threshold, decimal Value)[] settings) =>
        rule.Evaluate(facts, new RuleThresholds(rule.Thresholds, settings.ToDictionary(s => s.Threshold.Name, s => s.Value)));

    // over-credit-limit

    [Fact]
    public void Over_credit_limit_trips_a_cent_above_the_limit_and_not_at_it()
    {
        var rule = new OverCreditLimitRule();
        var atLimit = NewCustomer();
        atLimit.ObserveAccount(new FactPosition(Now, Guid.NewGuid()), 100_000m, 100_000m);
        var above = NewCustomer();
        var sale = Guid.CreateVersion7();
        above.ObserveAccount(new FactPosition(Now, sale), 100_000.01m, 100_000m);

        Assert.IsType<RuleOutcome.Clear>(Evaluate(rule, Facts(atLimit)));
        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(above)));
        Assert.Contains(trip.Evidence, f => f is { Name: "balance", Value: "100000.01" } && f.EventId == sale);
        Assert.Contains(trip.Evidence, f => f is { Name: "creditLimit", Value: "100000" });
        Assert.Contains(trip.Evidence, f => f is { Name: "overBy", Value: "0.01" });
    }

    [Fact]
    public void Over_credit_limit_allows_the_branch_margin()
    {
        var rule = new OverCreditLimitRule();
        var atMargin = NewCustomer();
        atMargin.ObserveAccount(new FactPosition(Now, Guid.NewGuid()), 110_000m, 100_000m);
        var aboveMargin = NewCustomer();
        aboveMargin.ObserveAccount(new FactPosition(Now, Guid.NewGuid()), 110_000.01m, 100_000m);

        Assert.IsType<RuleOutcome.Clear>(Evaluate(rule, Facts(atMargin), (OverCreditLimitRule.MarginPercent, 10m)));
        Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(aboveMargin), (OverCreditLimitRule.MarginPercent, 10m)));
    }

    [Fact]
    public void Over_credit_limit_cannot_judge_a_customer_without_a_ledger_entry()
    {
        Assert.IsType<RuleOutcome.NoChange>(Evaluate(new OverCreditLimitRule(), Facts(NewCustomer())));
    }

    [Fact]
    public void Over_credit_limit_clears_naming_the_payment_that_settled_it()
    {
        var customer = NewCustomer();
        var payment = TestEvents.Payment(_customerId, Now, 30_000m, 90_000m, 100_000m);
        customer.ObserveAccount(FactPosition.Of(payment), payment.BalanceAfter, payment.CreditLimit);

        var clear = Assert.IsType<RuleOutcome.Clear>(Evaluate(new OverCreditLimitRule(), Facts(customer, trigger: payment)));
        Assert.Contains("payment of 30000", clear.Cause);
        Assert.Contains(payment.EventId.ToString(), clear.Cause);
    }

    // progress-behind

    private MonthlyPlan PlanOf(decimal total) => MonthlyPlan.From(TestEvents.Plan(_customerId, Now.AddDays(-20), "2026-03", total), new YearMonth(2026, 3));

    [Fact]
    public void Progress_behind_the_plan_trips_beyond_the_tolerance_of_the_pro_rata_share_and_not_at_it()
    {
        // March has 31 days; on the 15th the pro-rata share of 3100 is 1500; 20 % tolerance allows down to 1200.
        var rule = new ProgressBehindRule();
        var customer = NewCustomer();

        Assert.IsType<RuleOutcome.Clear>(Evaluate(rule, Facts(customer, monthToDate: 1200m, plan: PlanOf(3100m))));
        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(customer, monthToDate: 1199.99m, plan: PlanOf(3100m))));
        Assert.Contains(trip.Evidence, f => f is { Name: "proRataShare", Value: "1500" });
        Assert.Contains(trip.Evidence, f => f.Name == "plan" && f.EventId is not null);
    }

    [Fact]
    public void Progress_is_not_judged_against_the_month_before_the_configured_day()
    {
        var rule = new ProgressBehindRule();
        var customer = NewCustomer();
        var plan = PlanOf(3100m);

        Assert.IsType<RuleOutcome.NoChange>(Evaluate(rule, Facts(customer, today: new DateOnly(2026, 3, 9), monthToDate: 0m, plan: plan)));
        Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(customer, today: new DateOnly(2026, 3, 10), monthToDate: 0m, plan: plan)));
    }

    [Fact]
    public void Progress_below_the_same_period_last_year_trips_beyond_the_percentage_and_not_at_it()
    {
        var rule = new ProgressBehindRule();
        var customer = NewCustomer();

        Assert.IsType<RuleOutcome.Clear>(Evaluate(rule, Facts(customer, monthToDate: 700m, lastYear: 1000m)));
        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(customer, monthToDate: 699.99m, lastYear: 1000m)));
        Assert.Contains(trip.Evidence, f => f is { Name: "samePeriodLastYear", Value: "1000" });
    }

    [Fact]
    public void Progress_behind_the_usual_purchase_interval_trips_the_day_after_k_intervals()
    {
        // Purchases every 10 days; k = 1.5: 15 days without a purchase is still on rhythm, 16 is not.
        var rule = new ProgressBehindRule();
        var customer = NewCustomer();
        var last = Today.AddDays(-15);
        customer.ObservePurchases(PurchaseRhythm.Of(Purchases(last.AddDays(-20), last.AddDays(-10), last)));

        Assert.IsType<RuleOutcome.Clear>(Evaluate(rule, Facts(customer)));
        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(customer, today: Today.AddDays(1))));
        Assert.Contains(trip.Evidence, f => f is { Name: "daysSinceLastPurchase", Value: "16" });
        Assert.Contains(trip.Evidence, f => f is { Name: "usualIntervalDays", Value: "10" });
        Assert.Contains(trip.Evidence, f => f.Name == "lastPurchaseOn" && f.EventId == customer.LastPurchaseEventId);
    }

    [Fact]
    public void Progress_cannot_judge_a_customer_without_plan_history_or_rhythm()
    {
        Assert.IsType<RuleOutcome.NoChange>(Evaluate(new ProgressBehindRule(), Facts(NewCustomer(), monthToDate: 0m)));
    }

    // expense-over-budget

    private MonthlyExpenses ExpensesOf(string month, decimal total, decimal? budget) =>
        MonthlyExpenses.From(TestEvents.Expense(_customerId, Now, month, total, total, budget), YearMonth.Parse(month));

    [Fact]
    public void Expenses_over_budget_trip_a_cent_above_the_budget_and_not_at_it()
    {
        var rule = new ExpenseOverBudgetRule();
        var customer = NewCustomer();

        Assert.IsType<RuleOutcome.Clear>(Evaluate(rule, Facts(customer, expenses: [ExpensesOf("2026-03", 5000m, 5000m)])));
        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(customer, expenses: [ExpensesOf("2026-03", 5000.01m, 5000m)])));
        Assert.Contains(trip.Evidence, f => f is { Name: "monthBudget", Value: "5000" } && f.EventId is not null);
    }

    [Fact]
    public void Expenses_rising_three_months_running_trip_and_two_rises_do_not()
    {
        var rule = new ExpenseOverBudgetRule();
        var customer = NewCustomer();
        MonthlyExpenses[] threeRises = [ExpensesOf("2026-03", 400m, null), ExpensesOf("2026-02", 300m, null), ExpensesOf("2026-01", 200m, null), ExpensesOf("2025-12", 100m, null)];
        MonthlyExpenses[] twoRises = [ExpensesOf("2026-03", 400m, null), ExpensesOf("2026-02", 300m, null), ExpensesOf("2026-01", 200m, null), ExpensesOf("2025-12", 200m, null)];

        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(customer, expenses: threeRises)));
        Assert.Equal(3, trip.EventIds.Count);
        Assert.IsType<RuleOutcome.Clear>(Evaluate(rule, Facts(customer, expenses: twoRises)));
        Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(customer, expenses: twoRises), (ExpenseOverBudgetRule.RisingMonths, 2m)));
    }

    // churn

    [Fact]
    public void Churn_trips_on_the_ninetieth_day_without_a_purchase_and_not_on_the_eighty_ninth()
    {
        var rule = new ChurnRule();
        var customer = NewCustomer();
        customer.ObservePurchases(PurchaseRhythm.Of(Purchases(Today.AddDays(-89))));

        Assert.IsType<RuleOutcome.Clear>(Evaluate(rule, Facts(customer)));
        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(customer, today: Today.AddDays(1))));
        Assert.Contains(trip.Evidence, f => f is { Name: "daysSinceLastPurchase", Value: "90" });
        Assert.Contains(trip.Evidence, f => f.Name == "lastPurchaseOn" && f.EventId == customer.LastPurchaseEventId);
    }

    [Fact]
    public void Churn_by_interval_trips_the_day_after_k_intervals()
    {
        // Every 7 days; k = 3: 21 days without a purchase is not yet churn, 22 is.
        var rule = new ChurnRule();
        var customer = NewCustomer();
        var last = Today.AddDays(-21);
        customer.ObservePurchases(PurchaseRhythm.Of(Purchases(last.AddDays(-14), last.AddDays(-7), last)));

        Assert.IsType<RuleOutcome.Clear>(Evaluate(rule, Facts(customer)));
        Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(customer, today: Today.AddDays(1))));
    }

    [Fact]
    public void Churn_ignores_customers_that_never_bought_or_are_marked_lost()
    {
        var rule = new ChurnRule();
        Assert.IsType<RuleOutcome.NoChange>(Evaluate(rule, Facts(NewCustomer())));

        var lost = NewCustomer();
        lost.ObservePurchases(PurchaseRhythm.Of(Purchases(Today.AddDays(-200))));
        lost.ObserveStatus(new FactPosition(Now, Guid.NewGuid()), "lost");
        Assert.IsType<RuleOutcome.NoChange>(Evaluate(rule, Facts(lost)));
    }

    // major-incident

    [Fact]
    public void A_major_incident_trips_with_the_report_as_evidence()
    {
        var rule = new MajorIncidentRule();
        var incident = TestEvents.Incident(_customerId, Now, "theft", "仓库失窃");

        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(NewCustomer(), trigger: incident)));
        Assert.All(trip.Evidence, f => Assert.Equal(incident.EventId, f.EventId));
        Assert.Contains(trip.Evidence, f => f is { Name: "description", Value: "仓库失窃" });
        Assert.IsType<RuleOutcome.NoChange>(Evaluate(rule, Facts(NewCustomer())));
    }

    // not-contacted

    [Fact]
    public void Not_contacted_trips_seven_days_after_registration_and_not_a_second_before()
    {
        var rule = new NotContactedRule();
        var customer = NewCustomer(registeredAt: Now);

        Assert.IsType<RuleOutcome.NoChange>(Evaluate(rule, Facts(customer, now: Now.AddDays(7).AddSeconds(-1))));
        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(rule, Facts(customer, now: Now.AddDays(7))));
        Assert.Contains(trip.Evidence, f => f.Name == "registeredAt" && f.EventId == customer.RegisteredEventId);
    }

    [Fact]
    public void Not_contacted_clears_with_a_contact_however_late()
    {
        var customer = NewCustomer(registeredAt: Now);
        var contact = TestEvents.Contacted(_customerId, Now.AddDays(10));
        customer.ObserveContact(FactPosition.Of(contact), contact.On);

        var clear = Assert.IsType<RuleOutcome.Clear>(Evaluate(new NotContactedRule(), Facts(customer, now: Now.AddDays(10))));
        Assert.Contains(contact.EventId.ToString(), clear.Cause);
    }

    // grade-drop

    [Theory]
    [InlineData("C", "D", true)]
    [InlineData("B", "E", true)]
    [InlineData("D", "E", true)]
    [InlineData("B", "C", false)]
    [InlineData("E", "D", false)]
    [InlineData(null, "D", false)]
    public void A_grade_trips_when_it_falls_to_D_or_E(string? previous, string grade, bool trips)
    {
        var customer = NewCustomer();
        customer.ObserveGrade(new FactPosition(Now, Guid.NewGuid()), "2026-02", grade, previous);

        var outcome = Evaluate(new GradeDropRule(), Facts(customer));
        Assert.Equal(trips, outcome is RuleOutcome.Trip);
    }

    [Fact]
    public void A_grade_back_at_C_clears()
    {
        var customer = NewCustomer();
        customer.ObserveGrade(new FactPosition(Now, Guid.NewGuid()), "2026-02", "C", "D");
        Assert.IsType<RuleOutcome.Clear>(Evaluate(new GradeDropRule(), Facts(customer)));
    }

    private static IEnumerable<Purchase> Purchases(params DateOnly[] days) =>
        days.Select(day => new Purchase(day, Guid.CreateVersion7(), new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
}
