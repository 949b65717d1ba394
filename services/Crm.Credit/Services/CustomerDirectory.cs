namespace Crm.Credit.Services;

/// <summary>Finds the customer a request is about, telling apart another branch's customer (404) and one never registered (422).</summary>
public sealed class CustomerDirectory(CreditDbContext db, ICurrentUser user)
{
    /// <summary>
    /// The customer a write is about. 404 when it belongs to a branch the caller does not see; 422 (rule
    /// <c>customer-unknown</c>) when no <c>crm.customer-registered</c> has reached this service for it.
    /// </summary>
    public async Task<Customer> ForWriteAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is { IsRegistered: true }) return customer;
        if (customer is null && await db.Customers.IgnoreQueryFilters().AnyAsync(c => c.Id == customerId, cancellationToken))
            throw new NotFoundException("customer", customerId);
        throw new BusinessRuleException("customer-unknown",
            $"The credit service knows no customer '{customerId}': register it in the customers service first (a customer just registered arrives within seconds).");
    }

    /// <summary>A registered customer the caller may read; 404 otherwise.</summary>
    public async Task<Customer> ForReadAsync(Guid customerId, CancellationToken cancellationToken) =>
        await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId && c.RegisteredAt != null, cancellationToken)
        ?? throw new NotFoundException("customer", customerId);

    /// <summary>A sales rep plans and requests only for the customers they own (专人负责); other roles for any in their branch.</summary>
    public void EnsureOwnerIfRep(Customer customer)
    {
        if (user.IsInRole(CrmRoles.SalesRep) && customer.OwnerId != user.Id
            && !user.IsInAnyRole(CrmRoles.Managers.Append(CrmRoles.InsideSales)))
            throw new ForbiddenException($"Customer {customer.Code} is owned by another rep; only its owner, inside sales or a manager may do this.");
    }

    /// <summary>The customer's credit account, tracked; opened on first use for customers registered before accounts existed.</summary>
    public async Task<CreditAccount> AccountOfAsync(Customer customer, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.CustomerId == customer.Id, cancellationToken);
        if (account is null) db.Accounts.Add(account = CreditAccount.Open(customer.Id, customer.BranchId));
        return account;
    }
}
