using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Crm.Alerts.Services;

/// <summary>
/// The rules as they apply in each branch, kept in memory until they change: every event the service handles runs
/// rules, and reading the branch's settings for each one cost a query per event. The settings route drops a branch's
/// entry when it saves a change (<see cref="Invalidate"/>); a change saved by another replica (SQL Server) is seen
/// after at most <see cref="AlertsOptions.RuleSettingsCacheLifetime"/>.
/// </summary>
public sealed class RuleSettingsCache(TimeProvider clock, IOptions<AlertsOptions> options)
{
    private sealed record Entry(IReadOnlyDictionary<string, EffectiveRuleSettings> Settings, DateTimeOffset LoadedAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    internal async Task<IReadOnlyDictionary<string, EffectiveRuleSettings>> GetAsync(
        string branchId, Func<Task<IReadOnlyDictionary<string, EffectiveRuleSettings>>> load)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(branchId, out var entry) && now - entry.LoadedAt < options.Value.RuleSettingsCacheLifetime)
            return entry.Settings;
        // A change saved while this load runs bumps the generation: what the load read may predate it, so it is not kept.
        var generation = _generations.GetValueOrDefault(branchId);
        var settings = await load();
        if (_generations.GetValueOrDefault(branchId) == generation) _entries[branchId] = new Entry(settings, now);
        return settings;
    }

    /// <summary>A branch's settings changed: the next reader loads them again.</summary>
    public void Invalidate(string branchId)
    {
        _generations.AddOrUpdate(branchId, 1, (_, generation) => generation + 1);
        _entries.TryRemove(branchId, out _);
    }
}

/// <summary>The rules as they apply in a branch, from the <see cref="RuleSettingsCache"/>.</summary>
public sealed class RuleSettingsReader(AlertsDbContext db, RuleCatalog rules, RuleSettingsCache cache)
{
    public Task<IReadOnlyDictionary<string, EffectiveRuleSettings>> ForBranchAsync(string branchId, CancellationToken cancellationToken) =>
        cache.GetAsync(branchId, async () =>
        {
            var saved = await db.RuleSettings.AsNoTracking().Where(s => s.BranchId == branchId).ToListAsync(cancellationToken);
            return rules.All.ToDictionary(
                r => r.Name,
                r => EffectiveRuleSettings.Of(r, branchId, saved.FirstOrDefault(s => s.Rule == r.Name)),
                StringComparer.Ordinal);
        });
}
