namespace Crm.Contracts.Extensions;

public static class Extensions
{
    public const string ServiceName = "contracts";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ExclusiveRightsGate>();
        builder.AddServiceDatabase<ContractsDbContext, SqliteContractsDbContext, SqlServerContractsDbContext>("contractsdb");
        builder.AddMessaging<ContractsDbContext>(ServiceName, handlers => handlers
            .Handle<CustomerRegistered, CustomerRegisteredHandler>()
            .Handle<CustomerChanged, CustomerChangedHandler>()
            .Handle<CustomerOwnerChanged, CustomerOwnerChangedHandler>());
        builder.AddCrmOpenApi("CRM contracts 合同管理", "Contracts: drafts, approval, signing, versions, custody with an access log, renewal, expiry and the terms in force.");

        builder.Services.AddOptions<ContractsOptions>()
            .Bind(builder.Configuration.GetSection(ContractsOptions.SectionName))
            .Validate(options => options.SweepInterval > TimeSpan.Zero, $"{ContractsOptions.SectionName}:SweepInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ContractsMetrics>();
        builder.Services.AddSingleton<ContractExpirySweep>();
        builder.Services.AddHostedService<ContractExpiryScheduler>();
        builder.Services.AddScoped<ContractAccess>();
        builder.Services.AddScoped<SettingsReader>();
        builder.Services.AddScoped<SettingsService>();
        builder.Services.AddScoped<ContractCommands>();
        builder.Services.AddScoped<ContractQueries>();
    }
}
