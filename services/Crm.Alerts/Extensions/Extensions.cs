using Crm.Alerts.Model.Rules;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Alerts.Extensions;

public static class Extensions
{
    public const string ServiceName = "alerts";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AlertMetrics>();
        builder.Services.AddSingleton<IInterceptor, AlertMetricsInterceptor>();
        builder.Services.AddSingleton<FactChangeLog>();
        builder.Services.AddSingleton<ExclusiveContractsCache>();
        builder.Services.AddSingleton<IInterceptor, FactChangeInterceptor>();
        builder.AddServiceDatabase<AlertsDbContext, SqliteAlertsDbContext, SqlServerAlertsDbContext>("alertsdb");
        builder.AddMessaging<AlertsDbContext>(ServiceName, handlers => handlers
            .Handle<CustomerRegistered, CustomerRegisteredHandler>()
            .Handle<CustomerChanged, CustomerChangedHandler>()
            .Handle<CustomerOwnerChanged, CustomerOwnerChangedHandler>()
            .Handle<CustomerStatusChanged, CustomerStatusChangedHandler>()
            .Handle<CustomerContacted, CustomerContactedHandler>()
            .Handle<CustomerIncidentReported, CustomerIncidentReportedHandler>()
            .Handle<SaleRecorded, SaleRecordedHandler>()
            .Handle<PaymentReceived, PaymentReceivedHandler>()
            .Handle<CreditLimitChanged, CreditLimitChangedHandler>()
            .Handle<PlanSet, PlanSetHandler>()
            .Handle<ExpenseRecorded, ExpenseRecordedHandler>()
            .Handle<BudgetChanged, BudgetChangedHandler>()
            .Handle<CustomerGraded, CustomerGradedHandler>()
            .Handle<CreditNoteRecorded, CreditNoteRecordedHandler>()
            .Handle<ContractSigned, ContractSignedHandler>()
            .Handle<ContractAmended, ContractTermsHandler<ContractAmended>>()
            .Handle<ContractExpiring, ContractExpiringHandler>()
            .Handle<ContractExpired, ContractTermsHandler<ContractExpired>>()
            .Handle<ContractTerminated, ContractTermsHandler<ContractTerminated>>()
            .Handle<ComplaintSlaBreached, ComplaintSlaBreachedHandler>()
            .Handle<ComplaintAnswered, ComplaintAnsweredHandler>()
            .Handle<ComplaintResolved, ComplaintResolvedHandler>()
            .Handle<VisitMissed, VisitMissedHandler>()
            .Handle<MeetingFollowUpOverdue, MeetingFollowUpOverdueHandler>());
        builder.AddCrmOpenApi("CRM early warning 预警管理", "Alerts with evidence and a lifecycle, and their rules per branch.");

        builder.Services.AddOptions<AlertsOptions>()
            .Bind(builder.Configuration.GetSection(AlertsOptions.SectionName))
            .Validate(options => options.SweepInterval > TimeSpan.Zero && options.EscalationInterval > TimeSpan.Zero,
                $"{AlertsOptions.SectionName}:SweepInterval and EscalationInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RuleCatalog>();
        builder.Services.AddSingleton<AlertSweep>();
        builder.Services.AddHostedService<AlertEscalationScheduler>();
        builder.Services.AddHostedService<AlertSweepScheduler>();
        builder.Services.AddSingleton<RuleSettingsCache>();
        builder.Services.AddScoped<RuleSettingsReader>();
        builder.Services.AddScoped<CustomerFactsLoader>();
        builder.Services.AddScoped<CustomerProjection>();
        builder.Services.AddScoped<ContractEvaluation>();
        builder.Services.AddScoped<ComplaintProjection>();
        builder.Services.AddScoped<MissedVisitProjection>();
        builder.Services.AddScoped<AlertEngine>();

        builder.Services
            .AddAlertRule<OverCreditLimitRule>()
            .AddAlertRule<ProgressBehindRule>()
            .AddAlertRule<ExpenseOverBudgetRule>()
            .AddAlertRule<ChurnRule>()
            .AddAlertRule<MajorIncidentRule>()
            .AddAlertRule<NotContactedRule>()
            .AddAlertRule<GradeDropRule>()
            .AddAlertRule<ContractExpiringRule>()
            .AddAlertRule<NoActiveContractRule>()
            .AddAlertRule<TerritoryBreachRule>()
            .AddAlertRule<ComplaintUnansweredRule>()
            .AddAlertRule<VisitMissedRule>()
            .AddAlertRule<FollowUpOverdueRule>();
    }

    /// <summary>Adds a rule to the catalog: the engine, the schedule, the settings and the API pick it up from there.</summary>
    public static IServiceCollection AddAlertRule<TRule>(this IServiceCollection services) where TRule : AlertRule =>
        services.AddSingleton<AlertRule, TRule>();
}
