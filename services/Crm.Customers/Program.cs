using Crm.Customers.Apis;
using Crm.Customers.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCrmOpenApi();
app.MapCustomersApi();
app.MapCustomerRecordsApi();
app.MapDevelopmentApplicationsApi();
app.MapChannelApi();
app.MapFieldWorkApi();

app.Run();
