using Crm.Alerts.Apis;
using Crm.Alerts.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCrmOpenApi();
app.MapAlertsApi();
app.MapRulesApi();

app.Run();
