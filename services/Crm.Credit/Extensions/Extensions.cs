namespace Crm.Credit.Extensions;

public static class Extensions
{
    public const string ServiceName = "credit";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CreditDbContext, SqliteCreditDbContext, SqlServerCreditDbContext>("creditdb");
        builder.AddMessaging<CreditDbContext>(ServiceName, handlers => handlers
            .Handle<CustomerRegistered, CustomerRegisteredHandler>()
            .Handle<CustomerChanged, CustomerChangedHandler>()
            .Handle<CustomerOwnerChanged, CustomerOwnerChangedHandler>()
            .Handle<CustomerStatusChanged, CustomerStatusChangedHandler>()
            .Handle<CustomerEvaluated, CustomerEvaluatedHandler>()
            .Handle<ComplaintOpened, ComplaintOpenedHandler>()
            .Handle<ComplaintAnswered, ComplaintAnsweredHandler>()
            .Handle<ComplaintResolved, ComplaintResolvedHandler>()
            .Handle<ReturnApproved, ReturnApprovedHandler>()
            .Handle<VisitPlanned, VisitPlannedHandler>()
            .Handle<CustomerContacted, CustomerContactedHandler>()
            .HandleContractTerms());
        builder.AddCrmOpenApi("CRM credit and grading 信用与等级", "Business records, plans, grading, credit limits and their approval, ABC and structure analysis, expenses.");

        builder.Services.AddSingleton<CreditTelemetry>();
        builder.Services.AddScoped<CustomerDirectory>();
        builder.Services.AddScoped<GradingModels>();
        builder.Services.AddSingleton<GradingModelCache>();
        builder.Services.AddScoped<Rebates>();
        builder.Services.AddScoped<LedgerService>();
        builder.Services.Configure<GradingOptions>(builder.Configuration.GetSection(GradingOptions.Section));
        builder.Services.AddScoped<GradingGather>();
        builder.Services.AddScoped<GradingWriter>();
        builder.Services.AddScoped<GradingService>();
        builder.Services.AddSingleton<GradingJobs>();
        builder.Services.AddScoped<GradeReports>();
        builder.Services.AddScoped<LimitRequests>();
        builder.Services.AddScoped<PlanService>();
        builder.Services.AddScoped<ExpenseService>();
        builder.Services.AddScoped<AnalysisService>();
        builder.Services.AddSingleton<FieldWorkTelemetry>();
        builder.Services.AddScoped<SellThroughService>();
        builder.Services.AddScoped<DistributionTargets>();
        builder.Services.AddScoped<PromotionService>();
        builder.Services.AddScoped<KeyAccounts>();
    }
}
