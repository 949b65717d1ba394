namespace Crm.AfterSales.Extensions;

public static class Extensions
{
    public const string ServiceName = "aftersales";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AfterSalesOptions>()
            .Bind(builder.Configuration.GetSection(AfterSalesOptions.SectionName))
            .Validate(options => options.SweepInterval > TimeSpan.Zero, $"{AfterSalesOptions.SectionName}:SweepInterval must be positive.")
            .Validate(options => !string.IsNullOrWhiteSpace(options.DataFolder), $"{AfterSalesOptions.SectionName}:DataFolder (where attachments are kept) must be set.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AfterSalesTelemetry>();

        builder.AddServiceDatabase<AfterSalesDbContext, SqliteAfterSalesDbContext, SqlServerAfterSalesDbContext>("aftersalesdb");
        builder.AddMessaging<AfterSalesDbContext>(ServiceName, handlers => handlers
            .Handle<CustomerRegistered, CustomerRegisteredHandler>()
            .Handle<CustomerChanged, CustomerChangedHandler>()
            .Handle<SaleRecorded, SaleRecordedHandler>()
            .HandleContractTerms());
        builder.AddCrmOpenApi("CRM after-sales 售后服务", "Complaints and their handling, monthly statistics, returns and exchanges.");

        builder.Services.AddScoped<SettingsReader>();
        builder.Services.AddScoped<Complaints>();
        builder.Services.AddScoped<AttachmentStore>();
        builder.Services.AddScoped<MonthlyStatistics>();
        builder.Services.AddScoped<Returns>();
        builder.Services.AddSingleton<ServiceLevelSweep>();
        builder.Services.AddHostedService<ServiceLevelScheduler>();
    }

    public static WebApplication MapAfterSalesApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/aftersales");
        api.MapComplaintsApi();
        api.MapSettingsAndStatisticsApi();
        api.MapReturnsApi();
        return app;
    }
}
