namespace Crm.AfterSales.Model;

/// <summary>What this service knows of a customer, kept from the customers service's events.</summary>
public sealed class CustomerReference : ICustomerReference
{
    private CustomerReference() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string OwnerId { get; private set; } = "";
    /// <summary>地区, for the monthly statistics by region.</summary>
    public string Region { get; private set; } = "";
    public DateTimeOffset RegisteredAt { get; private set; }

    public static CustomerReference From(CustomerRegistered registered) => new()
    {
        Id = registered.CustomerId,
        BranchId = registered.BranchId,
        Code = registered.Code,
        Name = registered.Name,
        OwnerId = registered.OwnerId,
        Region = registered.Region,
        RegisteredAt = registered.OccurredAt,
    };

    public void Apply(CustomerChanged changed)
    {
        Name = changed.Name;
        Region = changed.Region;
        if (changed.OwnerId is { Length: > 0 } owner) OwnerId = owner;
    }
}
