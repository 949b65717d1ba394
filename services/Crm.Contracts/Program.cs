using Crm.Contracts.Apis;
using Crm.Contracts.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCrmOpenApi();
app.MapContractsApi();

app.Run();
