using Crm.Contracts.Infrastructure;
using Crm.Contracts.IntegrationEvents;
using Crm.Events;
using Crm.Messaging;
using Crm.Messaging.Persistence;

namespace Crm.Contracts.Extensions;

public static class Extensions
{
    public const string ServiceName = "contracts";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ContractsDbContext, SqliteContractsDbContext, SqlServerContractsDbContext>("contractsdb");
        builder.AddMessaging<ContractsDbContext>(ServiceName, handlers => handlers
            .Handle<CustomerRegistered, CustomerRegisteredHandler>());
        builder.AddCrmOpenApi("CRM contracts 合同管理", "Contracts: drafts, approval, signing, custody, renewal and expiry.");
    }
}
