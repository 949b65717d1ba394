using Crm.Events;
using Microsoft.AspNetCore.OpenApi;

namespace Crm.Customers.Extensions;

public static class Extensions
{
    public const string ServiceName = "customers";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RegistrationGate>();
        builder.AddServiceDatabase<CustomersDbContext, SqliteCustomersDbContext, SqlServerCustomersDbContext>("customersdb");
        // After the migrations (hosted services start in order): grams for the customers on file before the index.
        builder.Services.AddSingleton<SearchIndexState>();
        builder.Services.AddSingleton<GramCounts>();
        builder.Services.AddHostedService<SearchIndexBackfiller>();
        builder.AddMessaging<CustomersDbContext>(ServiceName, handlers => handlers
            .Handle<CustomerGraded, CustomerGradedHandler>());
        builder.AddCrmOpenApi("CRM customers 客户档案", "Customer files, contacts, scorecards, ownership, development applications and history.");
        builder.Services.Configure<OpenApiOptions>("v1", options => options.AddSchemaTransformer(CardFieldsSchema.DescribeAsync));

        builder.Services.AddOptions<CustomersOptions>()
            .Bind(builder.Configuration.GetSection(CustomersOptions.SectionName))
            .Validate(o => o.FieldWorkSweepInterval > TimeSpan.Zero, "Customers:FieldWorkSweepInterval must be positive.")
            .Validate(o => o.ContactWithinDays > 0, "Customers:ContactWithinDays must be positive.")
            .Validate(o => o.InitiativeWeight + o.CapabilityWeight + o.ReputationWeight + o.RelationsWeight == 100,
                "The default scorecard weights (Customers:*Weight) must add up to 100.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ContactDeadline>();
        builder.Services.AddSingleton<CustomersMetrics>();
        builder.Services.AddScoped<CustomerAccess>();
        builder.Services.AddScoped<DuplicateDetector>();
        builder.Services.AddScoped<CustomerRegistration>();
        builder.Services.AddScoped<CustomerCardEdits>();
        builder.Services.AddScoped<CustomerOwnership>();
        builder.Services.AddScoped<CustomerContacts>();
        builder.Services.AddScoped<CustomerRecords>();
        builder.Services.AddScoped<CustomerEvaluations>();
        builder.Services.AddScoped<CustomerQueries>();
        builder.Services.AddScoped<CustomerImport>();
        builder.Services.AddScoped<CustomerExport>();
        builder.Services.AddScoped<DevelopmentApplications>();
        builder.Services.AddScoped<ChannelTree>();
        builder.Services.AddSingleton<FieldWorkMetrics>();
        builder.Services.AddScoped<VisitPlans>();
        builder.Services.AddScoped<Meetings>();
        builder.Services.AddScoped<DevelopmentTargets>();
        builder.Services.AddSingleton<FieldWorkSweep>();
        builder.Services.AddHostedService<FieldWorkScheduler>();
    }
}
