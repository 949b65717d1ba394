CrmService.Run(args, builder => builder.AddApplicationServices(), app =>
{
    app.MapCustomersApi();
    app.MapCustomerRecordsApi();
    app.MapDevelopmentApplicationsApi();
    app.MapChannelApi();
    app.MapFieldWorkApi();
});
