using Crm.Alerts.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Crm.Alerts.Services;

/// <summary>The rules as they apply in a branch, read once per unit of work and branch.</summary>
public sealed class RuleSettingsReader(AlertsDbContext db, RuleCatalog rules)
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, EffectiveRuleSettings>> _byBranch = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, EffectiveRuleSettings>> ForBranchAsync(string branchId, CancellationToken cancellationToken)
    {
        if (_byBranch.TryGetValue(branchId, out var cached)) return cached;
        var saved = await db.RuleSettings.AsNoTracking().Where(s => s.BranchId == branchId).ToListAsync(cancellationToken);
        var effective = rules.All.ToDictionary(
            r => r.Name,
            r => EffectiveRuleSettings.Of(r, branchId, saved.FirstOrDefault(s => s.Rule == r.Name)),
            StringComparer.Ordinal);
        _byBranch[branchId] = effective;
        return effective;
    }
}
