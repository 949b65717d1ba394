using Crm.AfterSales.Infrastructure;
using Crm.AfterSales.IntegrationEvents;
using Crm.Events;
using Crm.Messaging;
using Crm.Messaging.Persistence;

namespace Crm.AfterSales.Extensions;

public static class Extensions
{
    public const string ServiceName = "aftersales";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AfterSalesDbContext, SqliteAfterSalesDbContext, SqlServerAfterSalesDbContext>("aftersalesdb");
        builder.AddMessaging<AfterSalesDbContext>(ServiceName, handlers => handlers
            .Handle<CustomerRegistered, CustomerRegisteredHandler>());
        builder.AddCrmOpenApi("CRM after-sales 售后服务", "Complaints and their handling, monthly statistics, returns and exchanges.");
    }
}
