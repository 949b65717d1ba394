namespace Crm.Contracts.Model;

/// <summary>
/// A branch's contract settings (合同设置): the approval thresholds by total amount, the reminder days before expiry,
/// and the company's own party data (甲方) that every contract of the branch carries.
/// </summary>
public sealed class BranchSettings : IBranchOwned
{
    public static readonly IReadOnlyList<int> DefaultReminderDays = [30, 15, 7];
    public const decimal DefaultThreshold1 = 500_000m;
    public const decimal DefaultThreshold2 = 2_000_000m;

    private BranchSettings() { }

    public string BranchId { get; private set; } = "";
    /// <summary>Above this total the sales VP (销售副总) approves too.</summary>
    public decimal ApprovalThreshold1 { get; private set; } = DefaultThreshold1;
    /// <summary>Above this total the sales GM (销售总经理) approves too.</summary>
    public decimal ApprovalThreshold2 { get; private set; } = DefaultThreshold2;
    public List<int> ReminderDays { get; private set; } = [.. DefaultReminderDays];
    public Party Company { get; private set; } = new();
    public long Version { get; private set; }
    public string? UpdatedBy { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }

    public static BranchSettings Defaults(string branchId) => new() { BranchId = branchId };

    public void Update(decimal threshold1, decimal threshold2, IReadOnlyList<int> reminderDays, Party company, Actor by, DateTimeOffset now)
    {
        ApprovalThreshold1 = threshold1;
        ApprovalThreshold2 = threshold2;
        ReminderDays = reminderDays.Distinct().OrderByDescending(d => d).ToList();
        Company = company;
        UpdatedBy = by.Id;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>
    /// The approval chain for a total (按金额审批): 销售管理部经理 always; 销售副总 above threshold 1; 销售总经理 above
    /// threshold 2. "Above" is strictly greater: a total equal to a threshold stays below it.
    /// </summary>
    public IReadOnlyList<string> StepsFor(decimal total) =>
    [
        CrmRoles.SalesAdminManager,
        .. total > ApprovalThreshold1 ? [CrmRoles.SalesVp] : Array.Empty<string>(),
        .. total > ApprovalThreshold2 ? [CrmRoles.SalesGm] : Array.Empty<string>(),
    ];

    public static void Validate(ValidationErrors errors, decimal? threshold1, decimal? threshold2, IReadOnlyList<int>? reminderDays)
    {
        errors.Required("approvalThreshold1", threshold1)
            .Required("approvalThreshold2", threshold2)
            .When(threshold1 < 0, "approvalThreshold1", "审批金额门槛不能为负 (approvalThreshold1 must not be negative).")
            .When(threshold2 < threshold1, "approvalThreshold2", "门槛 2 不能低于门槛 1 (approvalThreshold2 must be at least approvalThreshold1).")
            .When(reminderDays is null || reminderDays.Count is 0 or > 10, "reminderDays", "提醒天数 1 到 10 个 (one to ten reminder days).")
            .When(reminderDays?.Any(d => d is < 1 or > 365) == true, "reminderDays", "每个提醒天数在 1 到 365 之间 (each reminder day is 1–365).");
    }
}

/// <summary>A branch's contract template (合同模板): sections that pre-fill a new draft.</summary>
public sealed class ContractTemplate : IBranchOwned
{
    public const int NameMaxLength = 200;

    private ContractTemplate() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public ContractSections Sections { get; private set; } = new();
    public long Version { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    public static ContractTemplate Create(Guid id, string branchId, string name, string? description, ContractSections sections, Actor by, DateTimeOffset now)
    {
        var template = new ContractTemplate { Id = id, BranchId = branchId };
        template.Update(name, description, sections, by, now);
        return template;
    }

    public void Update(string name, string? description, ContractSections sections, Actor by, DateTimeOffset now)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        // A template never carries parties' data: ours comes from the settings, the customer's from the draft.
        Sections = sections with { Parties = null };
        UpdatedBy = by.Id;
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>The next contract number of a branch in a year (SH-2026-0042).</summary>
public sealed class ContractNumberCounter : IBranchOwned
{
    private ContractNumberCounter() { }

    public ContractNumberCounter(string branchId, int year)
    {
        BranchId = branchId;
        Year = year;
    }

    public string BranchId { get; private set; } = "";
    public int Year { get; private set; }
    public int Last { get; private set; }
    public long Version { get; private set; }

    public string Next()
    {
        Last++;
        Version++;
        return $"{BranchId.ToUpperInvariant()}-{Year}-{Last:D4}";
    }
}

/// <summary>One read of a contract's contents (合同查阅记录): who, when, what.</summary>
public sealed class AccessLogEntry : IBranchOwned
{
    private AccessLogEntry() { }

    public long Id { get; private set; }
    public Guid ContractId { get; private set; }
    public string BranchId { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public string Roles { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    /// <summary>card (the contract with its sections) or document (the printable contract).</summary>
    public string What { get; private set; } = "";

    public static AccessLogEntry Of(Contract contract, ICurrentUser user, string what, DateTimeOffset now) => new()
    {
        ContractId = contract.Id,
        BranchId = contract.BranchId,
        UserId = user.Id,
        UserName = user.Name,
        Roles = string.Join(",", user.Roles.Order(StringComparer.Ordinal)),
        At = now,
        What = what,
    };
}

/// <summary>A reminder sent before expiry (到期提醒), kept so that each is sent once per term, across restarts.</summary>
public sealed class ExpiryReminder : IBranchOwned
{
    private ExpiryReminder() { }

    public ExpiryReminder(Contract contract, int days, DateTimeOffset now)
    {
        ContractId = contract.Id;
        BranchId = contract.BranchId;
        ExpiresOn = contract.ExpiresOn!.Value;
        Days = days;
        SentAt = now;
    }

    public Guid ContractId { get; private set; }
    public string BranchId { get; private set; } = "";
    public DateOnly ExpiresOn { get; private set; }
    public int Days { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
}
