using Crm.Customers.Model;
using Crm.Customers.Services;
using Crm.ServiceDefaults.Identity;
using Crm.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/customers")
            .WithTags("Customers 客户档案")
            .RequireAuthorization();

        api.MapPost("/", RegisterCustomer)
            .WithName(nameof(RegisterCustomer))
            .WithSummary("Register a customer file (登记客户档案)")
            .RequireAuthorization(policy => policy.RequireRole(CrmRoles.SalesRep, CrmRoles.InsideSales));

        api.MapGet("/{id:guid}", GetCustomer)
            .WithName(nameof(GetCustomer))
            .WithSummary("The archive card (客户档案表)");

        return app;
    }

    public static async Task<Created<RegisteredCustomer>> RegisterCustomer(
        RegisterCustomerRequest request, CustomerRegistration registration, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Required("name", request.Name, Customer.NameMaxLength)
            .Required("kind", request.Kind, "agent, factory, trading or other")
            .Required("region", request.Region, Customer.RegionMaxLength)
            .MaxLength("taxNumber", request.TaxNumber, 30)
            .MaxLength("ownerId", request.OwnerId, 100);
        errors.ThrowIfAny();

        var customer = await registration.RegisterAsync(request, cancellationToken);
        return TypedResults.Created($"/api/customers/{customer.Id}", new RegisteredCustomer(customer.Id, customer.Code, customer.Version));
    }

    public static async Task<Ok<CustomerCard>> GetCustomer(Guid id, Infrastructure.CustomersDbContext db, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return customer is null ? throw new NotFoundException("customer", id) : TypedResults.Ok(CustomerCard.From(customer));
    }
}

public sealed record RegisterCustomerRequest(
    string? Name, CustomerKind? Kind, string? Region, string? TaxNumber, string? OwnerId);

public sealed record RegisteredCustomer(Guid Id, string Code, long Version);

public sealed record CustomerCard(
    Guid Id, string Code, string Name, CustomerKind Kind, string Region, string? TaxNumber, string BranchId,
    string OwnerId, CustomerStatus Status, DateOnly EntryDate, DateTimeOffset RegisteredAt, long Version)
{
    public static CustomerCard From(Customer c) => new(
        c.Id, c.Code, c.Name, c.Kind, c.Region, c.TaxNumber, c.BranchId, c.OwnerId, c.Status, c.EntryDate, c.RegisteredAt, c.Version);
}
