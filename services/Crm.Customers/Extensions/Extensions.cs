using Crm.Customers.Infrastructure;
using Crm.Customers.Services;
using Crm.Messaging;
using Crm.Messaging.Persistence;

namespace Crm.Customers.Extensions;

public static class Extensions
{
    public const string ServiceName = "customers";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CustomersDbContext, SqliteCustomersDbContext, SqlServerCustomersDbContext>("customersdb");
        builder.AddMessaging<CustomersDbContext>(ServiceName);
        builder.AddCrmOpenApi("CRM customers 客户档案", "Customer files, contacts, scorecards, ownership, development applications and history.");
        builder.Services.AddScoped<CustomerRegistration>();
    }
}
