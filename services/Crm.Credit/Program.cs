using Crm.Credit.Apis;
using Crm.Credit.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCrmOpenApi();
app.MapCreditApi();

app.Run();
