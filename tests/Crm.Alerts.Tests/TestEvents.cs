namespace Crm.Alerts.Tests;

/// <summary>Events as the customers and credit services publish them, with the figures the tests choose.</summary>
public static class TestEvents
{
    public const string Branch = "sh";

    public static CustomerRegistered Registered(Guid customerId, DateTimeOffset at, string owner = "rep-1", string branch = Branch, string name = "杭州利民日化有限公司", string region = "华东") => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        Code = $"{branch.ToUpperInvariant()}-{customerId.ToString()[..6]}",
        Name = name,
        Kind = "agent",
        Region = region,
        OwnerId = owner,
        RegisteredBy = owner,
        EntryDate = DateOnly.FromDateTime(at.UtcDateTime),
    };

    /// <summary>The contract a sale is under unless a test says otherwise: sales in these tests are in order unless they test the contract rules.</summary>
    public static readonly ContractReference SomeContract = new(Guid.Parse("0195a7c0-0000-7000-8000-000000000001"), "SH-2026-0001", 1);

    /// <param name="withoutContract">As the credit service records a sale on a date with no contract in force (<c>contract: null</c>).</param>
    /// <param name="outsideContract">As credit marks a product outside the product lines of the contract in force.</param>
    public static SaleRecorded Sale(
        Guid customerId, DateTimeOffset at, decimal amount, decimal balanceAfter, decimal creditLimit, DateOnly? date = null,
        string branch = Branch, Guid? entryId = null, Guid? reverses = null, string product = "洗衣粉", bool withoutContract = false,
        ContractReference? contract = null, bool outsideContract = false) => new()
    {
        Contract = withoutContract ? null : contract ?? SomeContract,
        OutsideContract = withoutContract || outsideContract,
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        EntryId = entryId ?? Guid.NewGuid(),
        Date = date ?? DateOnly.FromDateTime(at.UtcDateTime),
        Product = product,
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

    public static BudgetChanged Budget(Guid customerId, DateTimeOffset at, string month, decimal? budget, decimal? previous, decimal monthTotal, string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        Month = month,
        Budget = budget,
        PreviousBudget = previous,
        MonthTotal = monthTotal,
        ChangedBy = "sam-1",
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

    public static CustomerChanged RegionChanged(Guid customerId, DateTimeOffset at, long fileVersion, string region, string name = "杭州利民日化有限公司", string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        Changes = [new FieldChange("region", null, region)],
        Reason = "搬迁",
        ChangedBy = "rep-1",
        Version = fileVersion,
        Name = name,
        Region = region,
    };

    public static CreditNoteRecorded CreditNote(Guid customerId, DateTimeOffset at, decimal amount, decimal balanceAfter, decimal creditLimit, string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        EntryId = Guid.NewGuid(),
        ReturnId = Guid.NewGuid(),
        SaleId = Guid.NewGuid(),
        Date = DateOnly.FromDateTime(at.UtcDateTime),
        Amount = amount,
        BalanceAfter = balanceAfter,
        CreditLimit = creditLimit,
    };

    public static ContractTerms Terms(string level = "distribution", string[]? productLines = null, string[]? territories = null,
        DateOnly? rightsFrom = null, DateOnly? rightsTo = null) => new()
    {
        ReturnWindowDays = 30,
        ExchangeWindowDays = 60,
        PaymentTermDays = 45,
        SettlementType = "credit",
        DistributionLevel = level,
        ProductLines = productLines ?? ["洗衣粉"],
        Territories = territories ?? ["华东"],
        RightsFrom = rightsFrom,
        RightsTo = rightsTo,
    };

    public static ContractSigned Signed(
        Guid customerId, DateTimeOffset at, Guid contractId, DateOnly effectiveOn, DateOnly expiresOn, string number = "SH-2026-0042",
        Guid? renews = null, ContractTerms? terms = null, string owner = "rep-1", string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        ContractId = contractId,
        Number = number,
        ContractVersion = 1,
        RenewsContractId = renews,
        SignedOn = effectiveOn,
        EffectiveOn = effectiveOn,
        ExpiresOn = expiresOn,
        NoticeDays = 30,
        TotalAmount = 500_000m,
        OwnerId = owner,
        Terms = terms ?? Terms(),
    };

    public static ContractAmended Amended(
        Guid customerId, DateTimeOffset at, Guid contractId, int version, DateOnly effectiveOn, DateOnly expiresOn, string reason = "amendment",
        string number = "SH-2026-0042", ContractTerms? terms = null, string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        ContractId = contractId,
        Number = number,
        ContractVersion = version,
        EffectiveOn = effectiveOn,
        ExpiresOn = expiresOn,
        Reason = reason,
        Terms = terms ?? Terms(),
    };

    public static ContractExpiring Expiring(
        Guid customerId, DateTimeOffset at, Guid contractId, DateOnly expiresOn, int daysLeft, string owner = "rep-1", string number = "SH-2026-0042",
        string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        ContractId = contractId,
        Number = number,
        ExpiresOn = expiresOn,
        DaysLeft = daysLeft,
        OwnerId = owner,
        CustodianId = "custodian-1",
    };

    public static ContractTerminated Terminated(Guid customerId, DateTimeOffset at, Guid contractId, DateOnly terminatedOn, string number = "SH-2026-0042", string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        ContractId = contractId,
        Number = number,
        TerminatedOn = terminatedOn,
        Reason = "协商解除",
    };

    public static ComplaintSlaBreached SlaBreached(
        Guid customerId, DateTimeOffset at, Guid complaintId, string deadline = "first-response", string severity = "medium", string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        ComplaintId = complaintId,
        Subject = "洗衣粉结块",
        Deadline = deadline,
        DueAt = at.AddMinutes(-5),
        State = deadline == "first-response" ? "received" : "proposed",
        Category = deadline == "first-response" ? null : "quality",
        Severity = severity,
    };

    public static ComplaintAnswered Answered(Guid customerId, DateTimeOffset at, Guid complaintId, string severity = "medium", string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        ComplaintId = complaintId,
        Category = "quality",
        Severity = severity,
        ResolveDue = at.AddDays(7),
    };

    public static ComplaintResolved ComplaintClosed(Guid customerId, DateTimeOffset at, Guid complaintId, string severity = "medium", string branch = Branch) => new()
    {
        CustomerId = customerId,
        BranchId = branch,
        OccurredAt = at,
        ComplaintId = complaintId,
        Category = "quality",
        Severity = severity,
        Resolution = "replacement",
        ClosedBy = "customer-satisfied",
        RootCause = "material",
        OpenedAt = at.AddDays(-10),
        ServiceLevelMet = false,
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
