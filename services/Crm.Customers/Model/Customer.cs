using Crm.ServiceDefaults.Problems;

namespace Crm.Customers.Model;

/// <summary>agent (代理商), factory (工厂), trading company (贸易公司), other.</summary>
public enum CustomerKind
{
    Agent,
    Factory,
    Trading,
    Other,
}

/// <summary>活跃 active, 非活跃 inactive, 丢失 lost.</summary>
public enum CustomerStatus
{
    Active,
    Inactive,
    Lost,
}

/// <summary>The customer file (客户档案): one per customer, owned by one rep of one branch.</summary>
public sealed class Customer
{
    public const int NameMaxLength = 200;
    public const int RegionMaxLength = 100;

    private Customer() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public CustomerKind Kind { get; private set; }
    public string Region { get; private set; } = "";
    public string? TaxNumber { get; private set; }
    public string OwnerId { get; private set; } = "";
    public CustomerStatus Status { get; private set; }
    public DateOnly EntryDate { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public string RegisteredBy { get; private set; } = "";

    /// <summary>Optimistic concurrency: every change increments it; a stale one is refused.</summary>
    public long Version { get; private set; }

    public static Customer Register(
        string branchId, string code, string name, CustomerKind kind, string region, string? taxNumber,
        string ownerId, string registeredBy, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(branchId))
            throw new ForbiddenException("Your token names no branch; a customer file belongs to a branch.");
        return new Customer
        {
            Id = Guid.CreateVersion7(now),
            BranchId = branchId,
            Code = code,
            Name = name.Trim(),
            Kind = kind,
            Region = region.Trim(),
            TaxNumber = string.IsNullOrWhiteSpace(taxNumber) ? null : taxNumber.Trim(),
            OwnerId = ownerId,
            Status = CustomerStatus.Active,
            EntryDate = DateOnly.FromDateTime(now.UtcDateTime),
            RegisteredAt = now,
            RegisteredBy = registeredBy,
            Version = 1,
        };
    }
}
