namespace Crm.Messaging.Persistence;

/// <summary>
/// A service's own copy of a customer of the customers service (客户档案), kept from its events: the same key, branch,
/// code, name, region and owner rep in every service that keeps one (after-sales, alerts, contracts, credit), each
/// adding what it needs besides.
/// </summary>
public interface ICustomerReference : IBranchOwned
{
    Guid Id { get; }
    string Code { get; }
    string Name { get; }
    string Region { get; }
    string OwnerId { get; }
}

/// <summary>The table of <see cref="ICustomerReference"/>: the columns every service's copy of a customer shares.</summary>
public static class CustomerReferences
{
    public const string Table = "Customers";
    public const int CodeLength = 30;
    public const int NameLength = 200;
    public const int RegionLength = 100;
    public const int OwnerLength = 100;

    /// <summary>
    /// Maps the shared part of a service's customer: the <c>Customers</c> table, keyed by the customers service's id
    /// (assigned, never generated), its columns' lengths and the index of the branch's customers.
    /// </summary>
    public static EntityTypeBuilder<TCustomer> IsCustomerReference<TCustomer>(this EntityTypeBuilder<TCustomer> customer)
        where TCustomer : class, ICustomerReference
    {
        customer.ToTable(Table);
        customer.HasAssignedKey(c => c.Id);
        customer.Property(c => c.Code).HasMaxLength(CodeLength);
        customer.Property(c => c.Name).HasMaxLength(NameLength);
        customer.Property(c => c.Region).HasMaxLength(RegionLength);
        customer.Property(c => c.OwnerId).HasMaxLength(OwnerLength);
        customer.HasIndex(c => c.BranchId);
        return customer;
    }
}
