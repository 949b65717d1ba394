using Crm.Gateway.Apis;
using Crm.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.UseServiceDefaults();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapApiReference();
if (app.Environment.IsDevelopment())
    app.MapDevTokenApi();
app.MapGatewayRoutes();

app.Run();
