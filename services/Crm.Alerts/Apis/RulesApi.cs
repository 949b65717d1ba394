using Crm.Alerts.Model.Rules;

namespace Crm.Alerts.Apis;

public static class RulesApi
{
    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/alerts/rules")
            .WithTags("Alert rules 预警规则")
            .RequireAuthorization(policy => policy.RequireRole(CrmRoles.Managers));

        api.Get("/", ListRules, "Every rule with its thresholds for your branch (预警规则与阈值); group roles may name another with ?branch=", 400, 403);

        api.Get("/{rule}", GetRule, "One rule's settings for the branch (预警规则)", 400, 403, 404);

        api.Get("/{rule}/history", GetRuleHistory, "Every saved version of a rule's settings: who changed what, when and why (变更记录)", 400, 403, 404);

        api.Put("/{rule}", ChangeRule, "Change a rule's thresholds, switch and escalation for the branch, with the version read (修改预警阈值)", 400, 403, 404, 409);

        return app;
    }

    public static async Task<Ok<BranchRules>> ListRules(
        string? branch, RuleCatalog rules, RuleSettingsReader settings, ICurrentUser user, CancellationToken cancellationToken)
    {
        var branchId = BranchOf(user, branch);
        var effective = await settings.ForBranchAsync(branchId, cancellationToken);
        return TypedResults.Ok(new BranchRules(branchId, [.. rules.All.Select(r => RuleView.From(effective[r.Name]))]));
    }

    public static async Task<Ok<RuleView>> GetRule(
        string rule, string? branch, RuleCatalog rules, RuleSettingsReader settings, ICurrentUser user, CancellationToken cancellationToken)
    {
        var known = rules.Find(rule) ?? throw new NotFoundException("alert rule", rule);
        var effective = await settings.ForBranchAsync(BranchOf(user, branch), cancellationToken);
        return TypedResults.Ok(RuleView.From(effective[known.Name]));
    }

    public static async Task<Ok<Paged<RuleRevisionView>>> GetRuleHistory(
        string rule, string? branch, int? page, int? pageSize, RuleCatalog rules, AlertsDbContext db, ICurrentUser user,
        CancellationToken cancellationToken)
    {
        var known = rules.Find(rule) ?? throw new NotFoundException("alert rule", rule);
        var branchId = BranchOf(user, branch);
        var request = PageRequest.From(page, pageSize);
        var revisions = db.RuleSettingsRevisions.AsNoTracking().Where(r => r.BranchId == branchId && r.Rule == known.Name);
        var total = await revisions.CountAsync(cancellationToken);
        var items = await revisions.OrderByDescending(r => r.Version).Skip(request.Skip).Take(request.PageSize)
            .Select(r => new RuleRevisionView(
                r.Version, r.Enabled, r.Thresholds, r.EscalateAfterHours, r.EscalationAssigneeId, r.ChangedAt, r.ChangedBy, r.Reason))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paged<RuleRevisionView>.Of(items, total, request));
    }

    public static async Task<Ok<RuleView>> ChangeRule(
        string rule, string? branch, ChangeRuleRequest? request, HttpRequest http, RuleCatalog rules, AlertsDbContext db,
        RuleSettingsCache settings, ICurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var known = rules.Find(rule) ?? throw new NotFoundException("alert rule", rule);
        var branchId = BranchOf(user, branch);
        new ValidationErrors()
            .Required("enabled", request?.Enabled, "true or false")
            .When(request?.Thresholds is null, "thresholds", $"thresholds is required: every threshold of {known.Name} by name ({{}} for a rule without any).")
            .Required("escalateAfterHours", request?.EscalateAfterHours, "the hours an alert may wait unacknowledged before it escalates")
            .ThrowIfAny();
        var change = new RuleSettingsChange(
            request!.Enabled!.Value, request.Thresholds!, request.EscalateAfterHours!.Value, request.EscalationAssigneeId, request.Reason);
        change.Validate(known);
        var expected = ExpectedVersion.From(http, request.Version);

        var saved = await db.RuleSettings.FirstOrDefaultAsync(s => s.BranchId == branchId && s.Rule == known.Name, cancellationToken);
        ExpectedVersion.Check("rule's settings", saved?.Version ?? RuleSettings.DefaultsVersion, expected);
        var now = clock.GetUtcNow();
        if (saved is null) db.RuleSettings.Add(saved = RuleSettings.FirstChange(branchId, known, change, user.Id, now));
        else saved.Change(known, change, user.Id, now);
        db.RuleSettingsRevisions.Add(saved.ToRevision());
        await db.SaveChangesAsync(cancellationToken);
        settings.Invalidate(branchId);

        return TypedResults.Ok(RuleView.From(EffectiveRuleSettings.Of(known, branchId, saved)));
    }

    /// <summary>The caller's branch; group-wide roles may name another one.</summary>
    private static string BranchOf(ICurrentUser user, string? branch)
    {
        if (!string.IsNullOrWhiteSpace(branch) && branch != user.BranchId)
        {
            if (!user.SeesAllBranches) throw new ForbiddenException("You may see and change the alert rules of your own branch only.");
            new ValidationErrors().MaxLength("branch", branch, 50).ThrowIfAny();
            return branch.Trim();
        }
        if (string.IsNullOrWhiteSpace(user.BranchId))
            throw new RequestValidationException("branch", "Your token names no branch: say which branch's rules with ?branch=.");
        return user.BranchId;
    }
}

public sealed record ChangeRuleRequest(
    long? Version, bool? Enabled, Dictionary<string, decimal>? Thresholds, decimal? EscalateAfterHours, string? EscalationAssigneeId, string? Reason);

public sealed record BranchRules(string BranchId, IReadOnlyList<RuleView> Rules);

public sealed record ThresholdView(string Name, decimal Default, decimal Min, decimal Max, string Unit, string Description);

public sealed record RuleView(
    string Rule, string Title, string Description, string BranchId, int Version, bool Enabled,
    IReadOnlyDictionary<string, decimal> Thresholds, IReadOnlyList<ThresholdView> ThresholdDefinitions,
    decimal EscalateAfterHours, string? EscalationAssigneeId, string EscalatesTo, bool RunsOnSchedule, IReadOnlyList<string> TriggeredBy,
    DateTimeOffset? ChangedAt, string? ChangedBy, string? Reason)
{
    public static RuleView From(EffectiveRuleSettings s) => new(
        s.Rule.Name, s.Rule.Title, s.Rule.Description, s.BranchId, s.Version, s.Enabled,
        s.Thresholds.ToDictionary(StringComparer.Ordinal),
        [.. s.Rule.Thresholds.Select(t => new ThresholdView(t.Name, t.Default, t.Min, t.Max, t.Unit, t.Description))],
        s.EscalateAfterHours, s.EscalationAssigneeId, s.EscalationTarget.ToString(), s.Rule.RunsOnSchedule,
        [.. s.Rule.TriggeredBy.Select(IntegrationEventTypes.ExchangeOf).Order(StringComparer.Ordinal)],
        s.ChangedAt, s.ChangedBy, s.Reason);
}

public sealed record RuleRevisionView(
    int Version, bool Enabled, IReadOnlyDictionary<string, decimal> Thresholds, decimal EscalateAfterHours, string? EscalationAssigneeId,
    DateTimeOffset ChangedAt, string ChangedBy, string? Reason);
