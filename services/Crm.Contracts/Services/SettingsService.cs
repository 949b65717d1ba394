namespace Crm.Contracts.Services;

/// <summary>A branch's settings as stored, or the defaults when none are (not saved until someone sets them).</summary>
public sealed class SettingsReader(ContractsDbContext db)
{
    private readonly Dictionary<string, BranchSettings> _cache = new(StringComparer.Ordinal);

    public async Task<BranchSettings> ForBranchAsync(string branchId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(branchId, out var cached)) return cached;
        var settings = await db.Settings.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.BranchId == branchId, cancellationToken)
            ?? BranchSettings.Defaults(branchId);
        return _cache[branchId] = settings;
    }
}

/// <summary>The branch's contract settings and templates (合同设置, 合同模板).</summary>
public sealed class SettingsService(ContractsDbContext db, ICurrentUser user, TimeProvider clock)
{
    private Actor Actor => new(user.Id, user.Name);

    public async Task<SettingsView> GetAsync(CancellationToken cancellationToken) =>
        SettingsView.From(await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.BranchId == user.BranchId, cancellationToken)
            ?? BranchSettings.Defaults(user.BranchId));

    public async Task<SettingsView> PutAsync(SettingsRequest request, long? expectedVersion, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.FirstOrDefaultAsync(s => s.BranchId == user.BranchId, cancellationToken);
        if (settings is null) db.Settings.Add(settings = BranchSettings.Defaults(user.BranchId));
        if (expectedVersion is { } expected) ExpectedVersion.Check("settings", settings.Version, expected);
        settings.Update(request.ApprovalThreshold1!.Value, request.ApprovalThreshold2!.Value, request.ReminderDays!, request.Company ?? new Party(), Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return SettingsView.From(settings);
    }

    public async Task<IReadOnlyList<TemplateView>> ListTemplatesAsync(CancellationToken cancellationToken) =>
        (await db.Templates.AsNoTracking().Where(t => t.BranchId == user.BranchId).ToListAsync(cancellationToken))
            .OrderBy(t => t.Name, StringComparer.Ordinal).Select(TemplateView.From).ToList();

    public async Task<TemplateView> GetTemplateAsync(Guid id, CancellationToken cancellationToken) =>
        TemplateView.From(await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException("contract template", id));

    /// <summary>Creates the template with this id, or updates it (then with the version read).</summary>
    public async Task<(TemplateView Template, bool Created)> PutTemplateAsync(Guid id, TemplateRequest request, long? expectedVersion, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sections = request.ToSections().Normalized();
        sections.Validate(new ValidationErrors()).ThrowIfAny();
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        var created = template is null;
        if (template is null)
        {
            if (await db.Templates.IgnoreQueryFilters().AnyAsync(t => t.Id == id, cancellationToken))
                throw new NotFoundException("contract template", id); // another branch's: not ours to overwrite
            db.Templates.Add(template = ContractTemplate.Create(id, user.BranchId, request.Name!, request.Description, sections, Actor, now));
        }
        else
        {
            ExpectedVersion.Check("template", template.Version, expectedVersion
                ?? throw new RequestValidationException("version", "version is required to update a template: send the version you read."));
            template.Update(request.Name!, request.Description, sections, Actor, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return (TemplateView.From(template), created);
    }
}
