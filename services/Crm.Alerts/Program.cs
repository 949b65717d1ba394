CrmService.Run(args, builder => builder.AddApplicationServices(), app =>
{
    app.MapAlertsApi();
    app.MapRulesApi();
});
