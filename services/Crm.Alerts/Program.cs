using Crm.Alerts.Apis;
using Crm.Alerts.Extensions;
using Crm.ServiceDefaults;

CrmService.Run(args, builder => builder.AddApplicationServices(), app =>
{
    app.MapAlertsApi();
    app.MapRulesApi();
});
