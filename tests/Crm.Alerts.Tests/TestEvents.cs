using Crm.Events;

namespace Crm.Alerts.Tests;

/// <summary>Events as the customers and credit services publish them, with the figures the tests choose.</summary>
public static class TestEvents
{
    public const string Branch = "sh";

    public static CustomerRegistered Registered(Guid customerId, DateTimeOffset at, string owner = "rep-1", string branch = Branch, string name = "杭州利民日化有限公司") => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        Code = $"{branch.ToUpperInvariant()}-{customerId.ToString()[..6]}",
        Name = name,
        Kind = "agent",
        Region = "华东",
        OwnerId = owner,
        RegisteredBy = owner,
        EntryDate = DateOnly.FromDateTime(at.UtcDateTime),
    };

    public static SaleRecorded Sale(
        Guid customerId, DateTimeOffset at, decimal amount, decimal balanceAfter, decimal creditLimit, DateOnly? date = null,
        string branch = Branch, Guid? entryId = null, Guid? reverses = null) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        EntryId = entryId ?? Guid.NewGuid(),
        Date = date ?? DateOnly.FromDateTime(at.UtcDateTime),
        Product = "洗衣粉",
        Specification = "500g",
        Quantity = 10,
        Amount = amount,
        DueDate = (date ?? DateOnly.FromDateTime(at.UtcDateTime)).AddDays(30),
        ReversesEntryId = reverses,
        BalanceAfter = balanceAfter,
        CreditLimit = creditLimit,
    };

    public static PaymentReceived Payment(Guid customerId, DateTimeOffset at, decimal amount, decimal balanceAfter, decimal creditLimit, string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        EntryId = Guid.NewGuid(),
        Date = DateOnly.FromDateTime(at.UtcDateTime),
        Amount = amount,
        BalanceAfter = balanceAfter,
        CreditLimit = creditLimit,
    };

    public static CreditLimitChanged LimitChanged(Guid customerId, DateTimeOffset at, decimal previous, decimal limit, decimal balance, string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        RequestId = Guid.NewGuid(),
        PreviousLimit = previous,
        CreditLimit = limit,
        Balance = balance,
        Reason = "年度调整",
        ApprovedBy = "gm-1",
    };

    public static PlanSet Plan(Guid customerId, DateTimeOffset at, string month, decimal total, string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        Month = month,
        Lines = [new PlanLine("洗衣粉", 100, total)],
        TotalAmount = total,
        TotalQuantity = 100,
    };

    public static ExpenseRecorded Expense(Guid customerId, DateTimeOffset at, string month, decimal amount, decimal monthTotal, decimal? budget, string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        ExpenseId = Guid.NewGuid(),
        Date = DateOnly.FromDateTime(at.UtcDateTime),
        Category = "promotion",
        Amount = amount,
        Month = month,
        MonthTotal = monthTotal,
        MonthBudget = budget,
    };

    public static CustomerGraded Graded(Guid customerId, DateTimeOffset at, string period, string grade, string? previous, string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        Period = period,
        ModelVersion = "1",
        Score = grade switch { "A" => 95, "B" => 85, "C" => 75, "D" => 65, _ => 55 },
        Grade = grade,
        PreviousGrade = previous,
        Coefficient = 1,
    };

    public static CustomerContacted Contacted(Guid customerId, DateTimeOffset at, string by = "rep-1", string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        VisitId = Guid.NewGuid(),
        On = DateOnly.FromDateTime(at.UtcDateTime),
        Kind = "visit",
        ContactedBy = by,
    };

    public static CustomerIncidentReported Incident(Guid customerId, DateTimeOffset at, string kind, string description, string owner = "rep-1", string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        IncidentId = Guid.NewGuid(),
        Kind = kind,
        Description = description,
        OccurredOn = DateOnly.FromDateTime(at.UtcDateTime),
        ReportedBy = owner,
        OwnerId = owner,
    };

    public static CustomerOwnerChanged OwnerChanged(Guid customerId, DateTimeOffset at, string from, string to, string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        PreviousOwnerId = from,
        OwnerId = to,
        Reason = "片区调整",
        ChangedBy = "sam-1",
    };
}
