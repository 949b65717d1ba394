using Crm.Customers.Apis;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using Crm.Events;
using Crm.Messaging.Outbox;
using Crm.ServiceDefaults;
using Crm.ServiceDefaults.Identity;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Services;

/// <summary>Creates a customer file with its branch code and stages <c>crm.customer-registered</c>, in one transaction.</summary>
public sealed class CustomerRegistration(CustomersDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Customer> RegisterAsync(RegisterCustomerRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var counter = await db.BranchCodeCounters.FirstOrDefaultAsync(c => c.BranchId == user.BranchId, cancellationToken);
        if (counter is null) db.BranchCodeCounters.Add(counter = new BranchCodeCounter(user.BranchId));

        var customer = Customer.Register(
            user.BranchId, counter.Next(), request.Name!, request.Kind!.Value, request.Region!, request.TaxNumber,
            string.IsNullOrWhiteSpace(request.OwnerId) ? user.Id : request.OwnerId.Trim(), user.Id, now);
        db.Customers.Add(customer);
        db.AddIntegrationEvent(new CustomerRegistered
        {
            OccurredAt = now,
            BranchId = customer.BranchId,
            CustomerId = customer.Id,
            Code = customer.Code,
            Name = customer.Name,
            Kind = ApiNames.Of(customer.Kind),
            Region = customer.Region,
            Status = ApiNames.Of(customer.Status),
            OwnerId = customer.OwnerId,
            RegisteredBy = user.Id,
            EntryDate = customer.EntryDate,
        }, clock);

        await db.SaveChangesAsync(cancellationToken);
        return customer;
    }
}
