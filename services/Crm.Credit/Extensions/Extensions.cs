using Crm.Credit.Infrastructure;
using Crm.Credit.IntegrationEvents;
using Crm.Events;
using Crm.Messaging;
using Crm.Messaging.Persistence;

namespace Crm.Credit.Extensions;

public static class Extensions
{
    public const string ServiceName = "credit";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CreditDbContext, SqliteCreditDbContext, SqlServerCreditDbContext>("creditdb");
        builder.AddMessaging<CreditDbContext>(ServiceName, handlers => handlers
            .Handle<CustomerRegistered, CustomerRegisteredHandler>());
        builder.AddCrmOpenApi("CRM credit and grading 信用与等级", "Business records, plans, grading, credit limits and their approval, ABC and structure analysis, expenses.");
    }
}
