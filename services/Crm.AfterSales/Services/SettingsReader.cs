namespace Crm.AfterSales.Services;

public sealed record ServiceLevelInput(ComplaintCategory? Category, Severity? Severity, int? FirstResponseHours, int? ResolutionHours);

public sealed record UpdateSettingsRequest(IReadOnlyList<ServiceLevelInput>? ServiceLevels, int? ReturnWindowDays, int? ExchangeWindowDays, long? Version);

public sealed record ServiceLevelView(ComplaintCategory Category, Severity Severity, int FirstResponseHours, int ResolutionHours);

public sealed record SettingsView(
    string BranchId, IReadOnlyList<ServiceLevelView> ServiceLevels, int ReturnWindowDays, int ExchangeWindowDays,
    string? UpdatedBy, DateTimeOffset? UpdatedAt, long Version)
{
    public static SettingsView From(AfterSalesSettings s) => new(
        s.BranchId,
        s.ServiceLevels.OrderBy(l => l.Category).ThenBy(l => l.Severity)
            .Select(l => new ServiceLevelView(l.Category, l.Severity, l.FirstResponseHours, l.ResolutionHours)).ToList(),
        s.ReturnWindowDays, s.ExchangeWindowDays, s.UpdatedBy, s.UpdatedAt, s.Version);
}

/// <summary>A branch's after-sales settings: what it saved, else the defaults.</summary>
public sealed class SettingsReader(AfterSalesDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<AfterSalesSettings> ForBranchAsync(string branchId, CancellationToken cancellationToken) =>
        await db.Settings.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.BranchId == branchId, cancellationToken)
        ?? AfterSalesSettings.Defaults(branchId);

    public async Task<SettingsView> GetAsync(CancellationToken cancellationToken) =>
        SettingsView.From(await ForBranchAsync(CallerBranch(), cancellationToken));

    public async Task<SettingsView> UpdateAsync(UpdateSettingsRequest request, long? version, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .When(request.ReturnWindowDays is < 0 or > AfterSalesSettings.MaxWindowDays, "returnWindowDays", $"returnWindowDays is between 0 and {AfterSalesSettings.MaxWindowDays}.")
            .When(request.ExchangeWindowDays is < 0 or > AfterSalesSettings.MaxWindowDays, "exchangeWindowDays", $"exchangeWindowDays is between 0 and {AfterSalesSettings.MaxWindowDays}.");
        var levels = new List<ServiceLevel>();
        var seen = new HashSet<(ComplaintCategory, Severity)>();
        for (var i = 0; i < (request.ServiceLevels?.Count ?? 0); i++)
        {
            var input = request.ServiceLevels![i];
            errors.When(input.Category is null, $"serviceLevels[{i}].category", "category is quality or non-quality.")
                .When(input.Severity is null, $"serviceLevels[{i}].severity", "severity is low, medium, high or critical.");
            AfterSalesSettings.Validate(errors, i, input.FirstResponseHours, input.ResolutionHours);
            if (input is { Category: { } c, Severity: { } s, FirstResponseHours: { } f, ResolutionHours: { } r })
            {
                errors.When(!seen.Add((c, s)), $"serviceLevels[{i}]", $"{ApiNames.Of(c)}/{ApiNames.Of(s)} is named twice.");
                levels.Add(new ServiceLevel(c, s, f, r));
            }
        }
        errors.ThrowIfAny();

        var branch = CallerBranch();
        var settings = await db.Settings.FirstOrDefaultAsync(s => s.BranchId == branch, cancellationToken);
        var isNew = settings is null;
        settings ??= AfterSalesSettings.Defaults(branch);
        if (version is { } expected) ExpectedVersion.Check("after-sales settings", settings.Version, expected);
        else if (!isNew) throw new RequestValidationException("version", "version is required once the settings were saved: send the version you read.");
        settings.Update(request.ReturnWindowDays, request.ExchangeWindowDays, levels, user.Id, clock.GetUtcNow());
        if (isNew) db.Settings.Add(settings);
        await db.SaveChangesAsync(cancellationToken);
        return SettingsView.From(settings);
    }

    private string CallerBranch() => user.BranchId is { Length: > 0 } branch
        ? branch
        : throw new RequestValidationException("branch", "Your token names no branch; the settings are per branch.");
}
