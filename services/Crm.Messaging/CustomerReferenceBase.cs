namespace Crm.Messaging;

/// <summary>
/// What a service knows of a customer, kept from the customers service's events: who it is (id, code, name), its
/// branch, its region (地区) and its owner rep, as <c>crm.customer-registered</c> first reported them. A service's own
/// <c>CustomerReference</c> derives from it, adds what else it keeps and decides how later changes apply; its table and
/// column sizes stay in the service's entity configuration.
/// </summary>
public abstract class CustomerReferenceBase : ICustomerReference
{
    public Guid Id { get; protected set; }
    public string BranchId { get; protected set; } = "";
    public string Code { get; protected set; } = "";
    public string Name { get; protected set; } = "";
    /// <summary>地区, for the statistics by region.</summary>
    public string Region { get; protected set; } = "";
    public string OwnerId { get; protected set; } = "";
    public DateTimeOffset RegisteredAt { get; protected set; }

    /// <summary>The new reference <paramref name="customer"/>, filled with what the registration says.</summary>
    protected static T Registered<T>(T customer, CustomerRegistered registered) where T : CustomerReferenceBase
    {
        customer.Id = registered.CustomerId;
        customer.BranchId = registered.BranchId;
        customer.Code = registered.Code;
        customer.Name = registered.Name;
        customer.Region = registered.Region;
        customer.OwnerId = registered.OwnerId;
        customer.RegisteredAt = registered.OccurredAt;
        return customer;
    }
}
