namespace Crm.Contracts.Model;

/// <summary>
/// What this service knows of a customer, kept from the customers service's events: who it is, where (its region),
/// and who owns it (the owner rep reads its contracts). Events of different kinds travel on different queues and may
/// arrive out of order, so each part is only replaced by a newer fact (a higher file version, a later instant).
/// </summary>
public sealed class CustomerReference : CustomerReferenceBase
{
    private CustomerReference() { }

    public string? OwnerName { get; private set; }
    public long ProfileVersion { get; private set; }
    public DateTimeOffset OwnerChangedAt { get; private set; }

    public static CustomerReference From(CustomerRegistered registered) => Registered(
        new CustomerReference { OwnerName = registered.OwnerName, ProfileVersion = 1, OwnerChangedAt = registered.OccurredAt },
        registered);

    public void Apply(CustomerChanged changed)
    {
        if (changed.Version <= ProfileVersion) return;
        ProfileVersion = changed.Version;
        Name = changed.Name;
        Region = changed.Region;
    }

    public void Apply(CustomerOwnerChanged changed)
    {
        if (changed.OccurredAt < OwnerChangedAt) return;
        OwnerChangedAt = changed.OccurredAt;
        OwnerId = changed.OwnerId;
        OwnerName = changed.OwnerName;
    }
}
