namespace Crm.Customers.Services;

/// <summary>What every change of an existing customer file starts with: the file in the caller's branch, and its version.</summary>
public static class CustomerFileLoading
{
    /// <summary>The file with its contacts, tracked for a change; 404 when unknown or of another branch.</summary>
    public static async Task<Customer> LoadCustomerAsync(this CustomersDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Customers.Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new NotFoundException("customer", id);

    /// <summary>
    /// 409 when the caller's version of the card is stale; the version read is also the one the row must still have
    /// when it is written, so a change committed in between fails the save (409) instead of being overwritten.
    /// </summary>
    public static void CheckVersion(this CustomersDbContext db, Customer customer, long version)
    {
        ExpectedVersion.Check("customer", customer.Version, version);
        db.Entry(customer).Property(c => c.Version).OriginalValue = version;
    }
}
