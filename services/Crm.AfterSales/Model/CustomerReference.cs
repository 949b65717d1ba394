namespace Crm.AfterSales.Model;

/// <summary>What this service knows of a customer, kept from the customers service's events.</summary>
public sealed class CustomerReference : CustomerReferenceBase
{
    private CustomerReference() { }

    public static CustomerReference From(CustomerRegistered registered) => Registered(new CustomerReference(), registered);

    public void Apply(CustomerChanged changed)
    {
        Name = changed.Name;
        Region = changed.Region;
        if (changed.OwnerId is { Length: > 0 } owner) OwnerId = owner;
    }
}
