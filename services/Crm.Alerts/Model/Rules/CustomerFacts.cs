namespace Crm.Alerts.Model.Rules;

/// <summary>
/// Everything a rule may look at for one customer, loaded once per evaluation: the projection, the month's figures,
/// the moment (in the branch's calendar) and the event that prompted the evaluation (none in a scheduled run).
/// Rules are pure functions of these facts, so each can be tested without a database or a clock. The figures that cost
/// a query are loaded only for rules that declare them in <see cref="AlertRule.Needs"/>; otherwise they stay empty.
/// </summary>
public sealed record CustomerFacts
{
    public required Customer Customer { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>Today in the branches' time zone.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>The event being handled; null when the schedule runs the rule.</summary>
    public IntegrationEvent? Trigger { get; init; }

    /// <summary>Sales (net of reversals) from the first of this month up to today.</summary>
    public decimal MonthToDateSales { get; init; }

    /// <summary>Sales over the same days of the same month last year.</summary>
    public decimal SamePeriodLastYearSales { get; init; }

    /// <summary>This month's plan, if one was set.</summary>
    public MonthlyPlan? Plan { get; init; }

    /// <summary>The most recent months with expenses, newest first.</summary>
    public IReadOnlyList<MonthlyExpenses> RecentExpenses { get; init; } = [];

    /// <summary>The customer's contracts, from the shared projection of the contract events.</summary>
    public IReadOnlyList<ProjectedContract> Contracts { get; init; } = [];

    /// <summary>The latest expiry reminder of each of the customer's contracts that had one.</summary>
    public IReadOnlyList<ContractReminder> ContractReminders { get; init; } = [];

    /// <summary>The customer's standing sales (not reversed) that credit marked without a contract or outside it.</summary>
    public IReadOnlyList<SaleEntry> FlaggedSales { get; init; } = [];

    /// <summary>Other customers' contracts that grant an exclusive right (总经销) over this customer's region.</summary>
    public IReadOnlyList<ProjectedContract> RivalExclusiveContracts { get; init; } = [];

    /// <summary>This customer's standing sales within the time of those rights.</summary>
    public IReadOnlyList<SaleEntry> TerritorySales { get; init; } = [];

    /// <summary>The customer's complaints that missed a service-level deadline and are not closed.</summary>
    public IReadOnlyList<Complaint> BreachedComplaints { get; init; } = [];

    /// <summary>The customer's planned visits reported missed within the last year (made good or not).</summary>
    public IReadOnlyList<MissedVisit> MissedVisits { get; init; } = [];

    public YearMonth CurrentMonth => YearMonth.Of(Today);

    public int DaysSince(DateOnly day) => Today.DayNumber - day.DayNumber;
}
