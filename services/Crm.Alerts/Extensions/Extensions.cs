using Crm.Alerts.Infrastructure;
using Crm.Alerts.IntegrationEvents;
using Crm.Events;
using Crm.Messaging;
using Crm.Messaging.Persistence;

namespace Crm.Alerts.Extensions;

public static class Extensions
{
    public const string ServiceName = "alerts";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AlertsDbContext, SqliteAlertsDbContext, SqlServerAlertsDbContext>("alertsdb");
        builder.AddMessaging<AlertsDbContext>(ServiceName, handlers => handlers
            .Handle<CustomerRegistered, CustomerRegisteredHandler>());
        builder.AddCrmOpenApi("CRM early warning 预警管理", "Alerts with evidence and a lifecycle, and their rules per branch.");
    }
}
